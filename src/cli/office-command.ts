import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliIO } from './io.js';
import { DubanError, EXIT } from '../model/errors.js';
import { parseNoticeFile } from '../parse/index.js';
import { draftOffice, officeYaml } from '../office/draft.js';
import { parseOfficeSettings } from '../office/settings.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface OfficeInitOptions {
  output: string;
  city?: string;
  level?: string;
  units?: string;
  force?: boolean;
}

/**
 * `duban office init <notice> -o seeds/<city>-office.yaml`: drafts the office settings from a
 * notice (place and level from the issuer, title or unit directory; 代字 from the 文号), checks
 * the draft loads, and writes it for the office to review.
 */
export async function officeInitCommand(file: string, opts: OfficeInitOptions, io: CliIO): Promise<number> {
  if (existsSync(opts.output) && !opts.force) throw new DubanError('usage', `文件已存在：${opts.output}（如需覆盖请加 --force）`);
  const { notice } = await parseNoticeFile(file, opts.units ? { unitsFile: opts.units } : {});
  const draft = draftOffice(notice, { ...(opts.city ? { city: opts.city } : {}), ...(opts.level ? { level: opts.level } : {}) });
  const text = officeYaml(draft, basename(file));
  parseOfficeSettings(text, opts.output);
  writeFileAtomic(opts.output, text);
  io.out(`已起草办公室设置 ${opts.output}：${draft.office.name}，交办函代字“${draft.letters.prefix}”，问责机关${draft.accountability}；请核对后使用`);
  return EXIT.ok;
}
