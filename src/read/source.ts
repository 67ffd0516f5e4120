import type { SourceFormat } from '../model/notice.js';

/**
 * What every reader hands the parser: decoded, cleaned text lines with their origin.
 * Line numbers in diagnostics are 1-based indexes into `lines`: for .txt the file's own lines,
 * for .html the lines of the extracted article text, for .docx one line per paragraph or table row.
 */
export interface SourceText {
  file: string;
  format: SourceFormat;
  /** Detected encoding, e.g. UTF-8, GB18030, UTF-16LE; "docx" and "html" report the inner one. */
  encoding: string;
  lines: string[];
  /**
   * The file line each entry of `lines` came from, when a reader split file lines (markup
   * inside a .txt); absent when entry i is line i + 1.
   */
  lineNumbers?: number[];
}
