/**
 * What office settings are, for the commands that use them: the types and the small rules of
 * wording, without the YAML and schema libraries that validate a settings file (settings.ts).
 */
import type { OfficeFile } from './settings.js';

export const LEVELS = ['省', '市', '县', '区'] as const;
export type Level = (typeof LEVELS)[number];

/** The settings in force, with where they came from (a file, or drafted from the notice). */
export interface OfficeSettings extends OfficeFile {
  /** The settings file, or null when drafted from the notice because no file matched. */
  file: string | null;
}

/** 鄂州督交〔2014〕13号. */
export function docNumberOf(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}

/** 市政府, 区政府: how the documents name the government of the office's level. */
export function governmentOf(s: OfficeSettings): string {
  return `${s.area.level}政府`;
}
