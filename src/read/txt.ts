/**
 * Plain-text reader: decoded text → cleaned lines, one per line of the file, blank lines kept,
 * so a diagnostic's line number is the line an editor shows.
 * Does not drop anything: page furniture pasted into a .txt stays (the parser ignores it).
 */
import { cleanText } from './clean.js';

export async function readTxt(_file: string, text: string): Promise<string[]> {
  return cleanText(text);
}
