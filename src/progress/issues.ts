/** A problem found in a filled form, placed as precisely as the file allows. */
export interface FormIssue {
  file: string;
  /** Worksheet name (xlsx); absent for CSV. */
  sheet?: string;
  row?: number;
  /** A1 address, e.g. F9. */
  cell?: string;
  /** The column's heading, e.g. 完成进度(%). */
  column?: string;
  message: string;
}

/** 文件 工作表“反馈表” 第9行 F9（完成进度(%)）：… */
export function formatIssue(i: FormIssue): string {
  const parts = [i.file];
  if (i.sheet) parts.push(`工作表“${i.sheet}”`);
  if (i.row) parts.push(`第${i.row}行`);
  if (i.cell) parts.push(i.column ? `${i.cell}（${i.column}）` : i.cell);
  else if (i.column) parts.push(`“${i.column}”列`);
  return `${parts.join(' ')}：${i.message}`;
}
