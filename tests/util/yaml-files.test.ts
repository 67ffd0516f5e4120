import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlFilesIn } from '../../src/util/yaml-files.js';

describe('yamlFilesIn', () => {
  it('takes named YAML files as they are, and a folder’s YAML files in name order, skipping what is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-yaml-'));
    for (const n of ['b.yaml', 'a.YML', 'notes.txt']) writeFileSync(join(dir, n), 'x: 1\n');
    const lone = join(dir, 'notes.txt');
    expect(yamlFilesIn([join(dir, 'missing'), dir, lone, join(dir, 'b.yaml')])).toEqual([
      join(dir, 'a.YML'),
      join(dir, 'b.yaml'),
      join(dir, 'b.yaml'),
    ]);
  });
});
