import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledStatusRulesFile, loadStatusRules, parseStatusRules } from '../../src/progress/rules-load.js';
import { DEFAULT_STATUS_RULES } from '../../src/progress/rules.js';
import { DubanError } from '../../src/model/errors.js';

function refusal(text: string): DubanError {
  try {
    parseStatusRules(text, 'rules.yaml');
  } catch (e) {
    if (e instanceof DubanError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('status rules file', () => {
  it('the bundled file gives the documented defaults', () => {
    expect(loadStatusRules(bundledStatusRulesFile())).toEqual(DEFAULT_STATUS_RULES);
  });

  it('takes the office’s values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-rules-'));
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'yellowBehind: 5\nredBehind: 20\ngraceDays: 2\n');
    expect(loadStatusRules(file)).toMatchObject({ yellowBehind: 5, redBehind: 20, graceDays: 2, multipleLeads: 'worst' });
  });

  it('refuses an unknown key, a bad value and crossed thresholds, naming the line', () => {
    const unknown = refusal('yellowBehind: 10\nredBehnd: 30\n');
    expect(unknown.message).toContain('redBehnd');
    expect(unknown.place).toMatchObject({ file: 'rules.yaml', line: 2 });
    const negative = refusal('graceDays: -1\n');
    expect(negative.message).toContain('graceDays');
    const crossed = refusal('yellowBehind: 30\nredBehind: 10\n');
    expect(crossed.message).toContain('红灯线');
    expect(crossed.place.line).toBe(2);
    expect(refusal('multipleLeads: best\n').message).toContain('worst');
  });
});
