import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/util/package-path.js';

describe('packagePath', () => {
  it('names the files shipped with duban from the package root', () => {
    expect(existsSync(packagePath('seeds', 'ezhou-2014-4.txt'))).toBe(true);
    expect(existsSync(packagePath('templates', 'letter.hbs'))).toBe(true);
    expect(existsSync(packagePath('package.json'))).toBe(true);
  });
});
