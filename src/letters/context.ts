/**
 * Notice + one receiving unit → the data `templates/letter.hbs` lays out. Pure: every word a
 * letter shows about tasks comes from the Notice model; wording of the letter itself lives in
 * the template. Strings are plain text: Handlebars escapes them when the template inserts them.
 */
import { DubanError } from '../model/errors.js';
import type { Notice, Task, UnitSummary } from '../model/notice.js';
import { docNumberOf, governmentOf, type OfficeSettings } from '../office/types.js';
import { targetPhrases } from './target-phrase.js';

export { targetPhrase, targetPhrases } from './target-phrase.js';

export interface LetterTask {
  no: number;
  label: string;
  title: string;
  text: string;
  chapterTitle: string;
  targets: string[];
  deadlines: string[];
  /** For a led task: the other leads and the supporting units; for a supported task: the leads. */
  leads: string[];
  supports: string[];
}

export interface LetterContext {
  /** Year of the letter's 发文字号 (the year of its date). */
  year: number;
  /** 发文机关标志 of the letter (office settings). */
  sender: string;
  office: { name: string; inText: string; government: string };
  /** 鄂州督交〔2014〕13号. */
  docNumber: string;
  seq: number;
  unit: { name: string; fullName: string; kind: string };
  /** '' for what the notice does not give; the template words around what is there. */
  notice: { title: string; docNumber: string; attachmentTitle: string; signDate: string; issuer: string };
  planDeadline: string;
  planRecipient: string;
  /** The body that starts 问责 proceedings. */
  accountability: string;
  lead: LetterTask[];
  support: LetterTask[];
  taskCount: number;
  date: string;
  cc: string;
  /** The unit's web reporting link (duban letters --portal-url), shown with a QR code. */
  portal?: LetterPortal;
}

export interface LetterPortal {
  url: string;
  /** 2014年第一季度 */
  periodLabel: string;
  /** ISO date of the link's last day. */
  expiresOn: string;
}

export interface LetterOptions {
  office: OfficeSettings;
  /** ISO date printed as 成文日期; defaults to the notice's sign date, then its publish date. */
  date?: string;
  /** 1-based position of the unit in the list of letters: the letter's number. */
  seq: number;
  portal?: LetterPortal;
}

function namesOf(task: Task, role: 'lead' | 'support', except: string): string[] {
  return task.units.filter((u) => u.role === role && u.name !== except).map((u) => u.name);
}

/** The task text without its lead sentence when that sentence is the title shown above it. */
function bodyOf(task: Task): string {
  const t = task.text.trim();
  const rest = t.startsWith(task.title) ? t.slice(task.title.length).replace(/^[。；，]\s*/, '') : t;
  return rest || t;
}

/** A title quoted inside 《》 turns its own 《》 into 〈〉, as 公文 nest book-title marks. */
export function nestTitle(title: string): string {
  return title.replace(/《/g, '〈').replace(/》/g, '〉');
}

function letterTask(notice: Notice, task: Task, unit: string): LetterTask {
  const chapter = notice.chapters.find((c) => c.no === task.chapter);
  return {
    no: task.no,
    label: task.label,
    title: task.title,
    text: bodyOf(task),
    chapterTitle: chapter ? `${chapter.no}、${chapter.title}` : '',
    targets: targetPhrases(task.targets),
    deadlines: [...new Set(task.deadlines.map((d) => d.text))],
    leads: namesOf(task, 'lead', unit),
    supports: namesOf(task, 'support', unit),
  };
}

/** 市发改委 → 鄂州市发改委 when the office's place is a city and the name carries its level word. */
function qualify(name: string, office: OfficeSettings): string {
  const level = office.area.level;
  return name.startsWith(level) && !name.startsWith(office.area.name) ? `${office.area.name}${name}` : name;
}

/** The date a letter carries: --date, else the notice's sign date, else its publish date; null when none. */
export function letterDate(notice: Notice, date?: string): string | null {
  return date ?? notice.meta.signDate ?? notice.meta.publishDate ?? null;
}

/** Same organ, written with or without its place: 鄂州市监察局 and 市监察局. */
function sameOrgan(a: string, b: string, office: OfficeSettings): boolean {
  const bare = (s: string) => s.replace(new RegExp(`^${office.area.name}(?=[省市县区])`), '');
  return bare(a) === bare(b);
}

export function buildLetterContext(notice: Notice, unit: UnitSummary, opts: LetterOptions): LetterContext {
  const office = opts.office;
  const date = letterDate(notice, opts.date);
  if (!date) throw new DubanError('usage', '缺少成文日期：通知中没有成文日期，请用 --date 指定交办函的成文日期，如 --date 2014-01-20');
  const year = Number(date.slice(0, 4));
  const byNo = new Map(notice.tasks.map((t) => [t.no, t]));
  const tasks = (nos: number[]) => nos.map((n) => byNo.get(n)).filter((t): t is Task => t !== undefined);
  const planRecipient = notice.planRecipient ?? office.reports.receiver;
  const title = notice.meta.title ?? notice.meta.attachmentTitle ?? '';
  const fullName = unit.fullName ?? qualify(unit.name, office);
  const self = [unit.name, fullName];
  return {
    year,
    sender: office.office.name,
    office: { name: office.office.name, inText: office.office.inText, government: governmentOf(office) },
    docNumber: docNumberOf(office.letters.prefix, year, office.letters.firstNumber + opts.seq - 1),
    seq: opts.seq,
    unit: { name: unit.name, fullName, kind: unit.kind },
    notice: {
      title: nestTitle(title),
      docNumber: notice.meta.docNumber ?? '',
      attachmentTitle: nestTitle(notice.meta.attachmentTitle ?? title),
      signDate: notice.meta.signDate ?? '',
      issuer: notice.meta.issuer ?? '',
    },
    planDeadline: notice.planDeadline ?? '',
    planRecipient,
    accountability: office.accountability,
    lead: tasks(unit.lead).map((t) => letterTask(notice, t, unit.name)),
    support: tasks(unit.support).map((t) => letterTask(notice, t, unit.name)),
    taskCount: unit.lead.length + unit.support.length,
    date,
    cc: office.letters.cc.filter((c) => !self.some((s) => sameOrgan(c, s, office))).join('，'),
    ...(opts.portal ? { portal: opts.portal } : {}),
  };
}

/**
 * What a letter cannot be written without, checked before anything is written: one Chinese
 * line naming the field and how to supply it, or null when everything is there. A notice
 * without a title is cited by its 文号 (根据平政办〔2013〕11号文件要求); without either, the letter
 * would have no basis, and --title is asked for.
 */
export function missingLetterField(notice: Notice, date?: string): string | null {
  if (!notice.meta.title && !notice.meta.attachmentTitle && !notice.meta.docNumber) {
    return '缺少通知标题：通知中既没有标题也没有文号，交办函无法写明交办依据；请用 --title 指定通知标题，如 --title 关于印发2014年重点工作任务分解方案的通知';
  }
  if (!letterDate(notice, date)) return `缺少成文日期：通知中没有成文日期，请用 --date 指定交办函的成文日期，如 --date ${notice.meta.year ?? 2014}-03-01`;
  return null;
}

/** Units that receive a letter: every non-collective unit holding a task, in notice order. */
export function receivingUnits(notice: Notice): UnitSummary[] {
  return notice.units.filter((u) => u.kind !== 'collective' && u.lead.length + u.support.length > 0);
}
