/**
 * The evaluation rules as `duban evaluate` reads them: from duban's cache when the file is
 * unchanged, else validated by rules-load.ts (which loads yaml and zod) and cached.
 */
import { cachedConfig } from '../util/config-cache.js';
import type { Rules } from './rules.js';
import { packagePath } from '../util/package-path.js';

/** Raise it when the rules' shape or checks change. */
const FORMAT = 'evaluation-rules-1';

/** The rules shipped with duban. */
export function bundledEvaluationRulesFile(): string {
  return packagePath('seeds', 'evaluation-rules.yaml');
}

export function readRules(file: string): Promise<Rules> {
  return cachedConfig('evaluation-rules', FORMAT, file, async (p) => (await import('./rules-load.js')).loadRules(p));
}
