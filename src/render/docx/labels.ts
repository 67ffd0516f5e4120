/**
 * The few words a writer adds to the tree's own text because GB/T 9704 prescribes them:
 * 附件： and the item numbers of the 附件说明, 抄送： and 印发 of the 版记, and the 成文日期 in
 * Arabic numerals. The PDF writer must print the same strings, so both should take them from
 * here (pure functions, no docx types).
 */

/**
 * 附件说明 lines: 附件：1.××, 2.××; a single attachment is not numbered; names lose a trailing
 * punctuation mark (the standard puts none after them) and empty names are dropped.
 */
export function attachmentNoteLines(items: readonly string[]): { prefix: string; number: string; name: string }[] {
  const names = items.map((s) => s.trim().replace(/[。．.;；，,]+$/, '')).filter(Boolean);
  const numbered = names.length > 1;
  return names.map((name, i) => ({ prefix: i === 0 ? '附件：' : '', number: numbered ? `${i + 1}.` : '', name }));
}

/**
 * 抄送：×××，×××。 ending in a full stop as the standard asks; the label is not doubled when the
 * text already starts with it.
 */
export function ccText(cc: string): string {
  const text = cc.trim().replace(/^抄送[：:]\s*/, '').replace(/[。.]?$/, '。');
  return `抄送：${text}`;
}

/** 2014年1月13日印发 (印发 is added unless present). */
export function printDateText(date: string): string {
  const d = chineseDate(date);
  return d.endsWith('印发') ? d : `${d}印发`;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const PADDED = /^(\d{4})年0?(\d{1,2})月0?(\d{1,2})日(.*)$/s;

/**
 * 成文日期 in Arabic numerals without leading zeros: 2014-01-13 and 2014年01月13日 both give
 * 2014年1月13日. Anything else (already 二〇一四年…, or free text) is kept as written.
 */
export function chineseDate(date: string): string {
  const t = date.trim();
  const iso = ISO.exec(t);
  if (iso) return `${iso[1]}年${Number(iso[2])}月${Number(iso[3])}日`;
  const padded = PADDED.exec(t);
  if (padded) return `${padded[1]}年${Number(padded[2])}月${Number(padded[3])}日${padded[4]}`;
  return t;
}
