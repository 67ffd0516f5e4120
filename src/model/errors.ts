/**
 * The one fatal error type. Every failure a user can cause ends here, with a Chinese message
 * that names the file (and line or cell when known) and a stable exit code; the CLI prints
 * `message` on one line and never a stack trace.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected internal failure (a bug). */
  internal: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** Input file missing, unreadable, a directory, or of an unsupported kind. */
  input: 3,
  /** Input readable but its content is unusable (no tasks, bad encoding, bad form). */
  content: 4,
  /** Configuration (unit directory, rules, template) is invalid. */
  config: 5,
  /** An input exceeded a documented limit. */
  limit: 6,
  /** Writing output failed. */
  output: 7,
  /**
   * Parsed with gaps: the notice has numbered items, but some have no recognised unit clause.
   * Every task is still emitted (those with empty units) and each gap has a diagnostic.
   */
  partial: 8,
} as const;

export type ErrorKind = keyof typeof EXIT;

export interface ErrorPlace {
  file?: string;
  line?: number;
  /** Spreadsheet place, e.g. sheet 反馈表, cell F7. */
  sheet?: string;
  cell?: string;
}

export class DubanError extends Error {
  readonly kind: ErrorKind;
  readonly place: ErrorPlace;

  constructor(kind: ErrorKind, message: string, place: ErrorPlace = {}) {
    super(message);
    this.name = 'DubanError';
    this.kind = kind;
    this.place = place;
  }

  get exitCode(): number {
    return EXIT[this.kind];
  }

  /** One line for the terminal: 文件:行: 消息. */
  toLine(): string {
    const p = this.place;
    const where = [
      p.file,
      p.line ? `第${p.line}行` : undefined,
      p.sheet ? `工作表“${p.sheet}”` : undefined,
      p.cell ? `单元格${p.cell}` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    return where ? `${where}：${this.message}` : this.message;
  }
}

export function isDubanError(e: unknown): e is DubanError {
  return e instanceof DubanError;
}
