/**
 * Office settings as commands read them: from duban's cache when the file is unchanged, else
 * validated by settings.ts (which loads yaml and zod) and cached.
 */
import { cachedConfig } from '../util/config-cache.js';
import type { OfficeSettings } from './types.js';

/** Raise it when the settings' shape or checks change. */
const FORMAT = 'office-1';

export function readOfficeSettings(file: string): Promise<OfficeSettings> {
  return cachedConfig('office', FORMAT, file, async (path) => (await import('./settings.js')).loadOfficeSettings(path));
}
