/**
 * The one way commands get a notice: a notice file (.txt, .html, .docx) is parsed; the JSON
 * `duban parse --json` writes (perhaps corrected by hand) is validated and read back; a duban
 * ledger (任务台账.xlsx, perhaps edited in Excel or WPS) is read back. The content decides, not
 * the extension: a ZIP holding xl/workbook.xml is a workbook, text starting with `{` is JSON.
 */
import { DubanError } from '../model/errors.js';
import { readInputBytes, TOO_BIG } from '../read/file.js';
import { MAX_SOURCE_BYTES } from '../read/limits.js';
import { addKeywords, parseNoticeBytes, type ParsedNotice, type ParseOptions } from '../parse/index.js';
import { applyMetaFlags } from '../parse/meta.js';

export type NoticeInputKind = 'text' | 'json' | 'ledger';

export interface LoadedNotice extends ParsedNotice {
  kind: NoticeInputKind;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function jsonStart(bytes: Uint8Array): boolean {
  let i = bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b; // {
}

/** A notice read back (JSON, ledger) takes the user's --title / --year and keywords as a parsed one does. */
async function finishRead(parsed: ParsedNotice, opts: ParseOptions): Promise<ParsedNotice> {
  if (opts.meta) parsed.notice.meta = applyMetaFlags(parsed.notice.meta, opts.meta);
  if (opts.keywords) await addKeywords(parsed.notice, parsed.units);
  return parsed;
}

export async function loadNotice(path: string, opts: ParseOptions = {}): Promise<LoadedNotice> {
  const bytes = await readInputBytes(path);
  if (bytes.length > MAX_SOURCE_BYTES) throw new DubanError('limit', TOO_BIG, { file: path });
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) {
    const { looksLikeXlsx, noticeFromLedger } = await import('../ledger/read.js');
    if (looksLikeXlsx(bytes)) {
      const parsed = noticeFromLedger(path, bytes, { unitsFile: opts.unitsFile });
      return { ...(await finishRead(parsed, opts)), kind: 'ledger' };
    }
  } else if (jsonStart(bytes)) {
    const { noticeFromJson } = await import('./json.js');
    const parsed = noticeFromJson(path, new TextDecoder('utf-8').decode(bytes), { unitsFile: opts.unitsFile });
    return { ...(await finishRead(parsed, opts)), kind: 'json' };
  }
  return { ...(await parseNoticeBytes(path, bytes, opts)), kind: 'text' };
}
