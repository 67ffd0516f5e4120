/**
 * Plain-text reader: decoded text → cleaned lines, one per line of the file, blank lines kept,
 * so a diagnostic's line number is the line an editor shows.
 * Does not drop anything: page furniture pasted into a .txt stays (the parser ignores it).
 * A text that carries paragraph markup (a page's source or a database dump) is split at its
 * block tags instead, each piece keeping the number of its file line (markup-in-text.ts).
 */
import { cleanLine, cleanText } from './clean.js';
import { hasEmbeddedMarkup, splitEmbeddedMarkup } from './markup-in-text.js';

export interface TxtLines {
  lines: string[];
  /** 1-based file line of each entry of `lines`, when they differ from their index + 1. */
  lineNumbers?: number[];
}

export async function readTxt(_file: string, text: string): Promise<TxtLines> {
  const lines = cleanText(text);
  if (!hasEmbeddedMarkup(text)) return { lines };
  const split = splitEmbeddedMarkup(lines);
  return { lines: split.lines.map(cleanLine), lineNumbers: split.lineNumbers };
}
