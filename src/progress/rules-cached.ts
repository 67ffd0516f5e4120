/**
 * The status rules as commands read them: from duban's cache when the file is unchanged, else
 * validated by rules-load.ts (which loads yaml and zod) and cached.
 */
import { existsSync } from 'node:fs';
import { cachedConfig } from '../util/config-cache.js';
import { statusRules, type StatusRules } from './rules.js';
import { packagePath } from '../util/package-path.js';

/** Raise it when the rules' shape or checks change. */
const FORMAT = 'status-rules-1';

/** The bundled rules file, from src/ or dist/ alike. */
export function bundledStatusRulesFile(): string {
  return packagePath('seeds', 'status-rules.yaml');
}

/** The named file, else the bundled one, else the built-in defaults. */
export async function readStatusRules(file?: string): Promise<StatusRules> {
  const path = file ?? bundledStatusRulesFile();
  if (!file && !existsSync(path)) return statusRules();
  return cachedConfig('status-rules', FORMAT, path, async (p) => (await import('./rules-load.js')).loadStatusRules(p));
}
