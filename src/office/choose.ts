/**
 * Which office settings a command uses for a notice: the file named by --office, else the
 * settings file in seeds/ whose 文号 代字 or place the notice shows (as the unit directory is
 * chosen), else a draft from the notice itself, announced so the office can write its own file.
 */
import { existsSync } from 'node:fs';
import { DubanError } from '../model/errors.js';
import type { Notice } from '../model/notice.js';
import { draftOffice } from './draft.js';
import { readOfficeSettings } from './cached.js';
import { bundledOfficeFolder, findOfficeFile } from './find.js';
import type { OfficeSettings } from './types.js';

export interface ChooseOptions {
  /** --office <yaml>. */
  officeFile?: string;
  /** Folders or files searched when none is named; default seeds/ of the installation. */
  dirs?: readonly string[];
}

export function officeHints(notice: Pick<Notice, 'meta'>): string[] {
  const m = notice.meta;
  return [m.docNumber ?? '', m.title ?? '', m.issuer ?? '', m.city && m.level ? `${m.city}${m.level}` : ''];
}

/** The settings for `notice`; `drafted` is true when no file matched and they were drafted. */
export async function chooseOffice(notice: Notice, opts: ChooseOptions = {}): Promise<{ office: OfficeSettings; drafted: boolean }> {
  if (opts.officeFile) return { office: await readOfficeSettings(opts.officeFile), drafted: false };
  const file = findOfficeFile(officeHints(notice), opts.dirs ?? [bundledOfficeFolder()]);
  if (file) return { office: await readOfficeSettings(file), drafted: false };
  try {
    return { office: { ...draftOffice(notice), file: null }, drafted: true };
  } catch (e) {
    if (!(e instanceof DubanError)) throw e;
    throw new DubanError(
      'usage',
      `缺少办公室设置（发文机关所在地无法从通知推定）：请先运行 duban office init ${notice.source.file} --city 地名 -o 设置文件.yaml，再用 --office 设置文件.yaml 指定`,
    );
  }
}

/** For commands that read the database: the settings named, else those of the registered notice file. */
export async function officeForStoredNotice(sourceFile: string, hints: readonly string[], officeFile?: string): Promise<OfficeSettings> {
  if (officeFile) return readOfficeSettings(officeFile);
  const found = findOfficeFile(hints, [bundledOfficeFolder()]);
  if (found) return readOfficeSettings(found);
  if (existsSync(sourceFile)) {
    const { parseNoticeFile } = await import('../parse/index.js');
    const { notice } = await parseNoticeFile(sourceFile);
    return (await chooseOffice(notice)).office;
  }
  throw new DubanError('usage', '找不到与数据库中通知对应的办公室设置：请用 --office 指定办公室设置文件（可用 duban office init 生成）');
}
