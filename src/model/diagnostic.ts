/** Positioned, non-fatal findings. Fatal problems are DubanError (errors.ts). */
export type DiagnosticLevel = 'error' | 'warning' | 'info';

export interface Diagnostic {
  level: DiagnosticLevel;
  /** Stable rule id, e.g. unit.unknown, numbering.gap. */
  code: string;
  file: string;
  /** 1-based line in the decoded text; 0 when the finding has no line. */
  line: number;
  /** In Chinese, for office staff. */
  message: string;
}

export function diag(
  level: DiagnosticLevel,
  code: string,
  file: string,
  line: number,
  message: string,
): Diagnostic {
  return { level, code, file, line, message };
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const tag = d.level === 'error' ? '错误' : d.level === 'warning' ? '警告' : '提示';
  return `${where}: ${tag}：${d.message}`;
}
