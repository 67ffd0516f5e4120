import { existsSync } from 'node:fs';
import type { CliIO } from './io.js';
import { DubanError, EXIT } from '../model/errors.js';
import { loadNotice } from '../load/notice-source.js';
import { defaultDirectory } from '../parse/notice.js';
import { draftUnitDirectory } from '../units/init.js';
import { parseUnitDirectory } from '../units/load.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface UnitsInitOptions {
  output?: string;
  force?: boolean;
}

/** The city a notice comes from, from its issuer or title: 鄂州市人民政府办公室 → 鄂州. */
export function cityOf(texts: readonly (string | null)[]): string | null {
  for (const t of texts) {
    const m = t ? /^(?:中共)?(\p{Script=Han}{2,6}?)(市|省|自治区)/u.exec(t) : null;
    if (m) return m[1]!;
  }
  return null;
}

/** `duban units init <notice> -o seeds/<city>-units.yaml`: a draft unit directory from a notice. */
export async function unitsInitCommand(file: string, opts: UnitsInitOptions, io: CliIO): Promise<number> {
  if (opts.output && existsSync(opts.output) && !opts.force) {
    throw new DubanError('usage', '文件已存在；要覆盖请加 --force', { file: opts.output });
  }
  const { notice } = await loadNotice(file, { noDirectory: true });
  const meta = notice.meta;
  const prefix = defaultDirectory(meta).prefix;
  const city = cityOf([meta.issuer, meta.title]) ?? (meta.docNumber ? (/^(\p{Script=Han}{2,4}?)政/u.exec(meta.docNumber)?.[1] ?? null) : null);
  const docPrefix = meta.docNumber ? (/^(.+?)〔/.exec(meta.docNumber)?.[1] ?? null) : null;
  const yaml = draftUnitDirectory(notice, { prefix }, city, docPrefix);
  // The draft must load as it is: a failure here is a bug, not the user's.
  const dir = parseUnitDirectory(yaml, opts.output ?? '（草稿）');
  if (opts.output) {
    writeFileAtomic(opts.output, yaml);
    const collectives = dir.entries.filter((e) => e.kind === 'collective').length;
    io.err(`单位名录草稿已写入 ${opts.output}：单位 ${dir.entries.length} 个（其中集合称谓 ${collectives} 个），请核对后使用`);
  } else io.out(yaml);
  return EXIT.ok;
}
