/**
 * Notice + one receiving unit → the data `templates/letter.hbs` lays out. Pure: every word a
 * letter shows about tasks comes from the Notice model; wording of the letter itself lives in
 * the template. Strings are plain text: Handlebars escapes them when the template inserts them.
 */
import type { Notice, Task, UnitSummary } from '../model/notice.js';

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
  city: string;
  year: number;
  /** 发文机关标志 of the letter. */
  sender: string;
  seq: number;
  unit: { name: string; fullName: string; kind: string };
  notice: { title: string; docNumber: string; attachmentTitle: string; signDate: string; issuer: string };
  planDeadline: string;
  planRecipient: string;
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
  /** ISO date printed as 成文日期; defaults to the notice's sign date. */
  date?: string;
  city?: string | null;
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
    targets: task.targets.map((t) => t.text),
    deadlines: task.deadlines.map((d) => d.text),
    leads: namesOf(task, 'lead', unit),
    supports: namesOf(task, 'support', unit),
  };
}

function qualify(name: string, city: string): string {
  return city && name.startsWith('市') ? `${city}${name}` : name;
}

export function buildLetterContext(notice: Notice, unit: UnitSummary, opts: LetterOptions): LetterContext {
  const city = opts.city ?? '';
  const date = opts.date ?? notice.meta.signDate ?? notice.meta.publishDate ?? '2000-01-01';
  const byNo = new Map(notice.tasks.map((t) => [t.no, t]));
  const tasks = (nos: number[]) => nos.map((n) => byNo.get(n)).filter((t): t is Task => t !== undefined);
  const planRecipient = notice.planRecipient ?? '市政府政务督查室';
  return {
    city,
    year: Number(date.slice(0, 4)),
    sender: qualify(planRecipient.replace(/^市政府/, '市人民政府'), city),
    seq: opts.seq,
    unit: { name: unit.name, fullName: unit.fullName ?? qualify(unit.name, city), kind: unit.kind },
    notice: {
      title: nestTitle(notice.meta.title ?? notice.meta.attachmentTitle ?? ''),
      docNumber: notice.meta.docNumber ?? '',
      attachmentTitle: nestTitle(notice.meta.attachmentTitle ?? notice.meta.title ?? ''),
      signDate: notice.meta.signDate ?? '',
      issuer: notice.meta.issuer ?? '',
    },
    planDeadline: notice.planDeadline ?? '',
    planRecipient,
    lead: tasks(unit.lead).map((t) => letterTask(notice, t, unit.name)),
    support: tasks(unit.support).map((t) => letterTask(notice, t, unit.name)),
    taskCount: unit.lead.length + unit.support.length,
    date,
    cc: [notice.meta.issuer, '市目标办', '市监察局'].filter((x): x is string => Boolean(x)).map((x) => x.replace(new RegExp(`^${city}`), '')).join('，'),
    ...(opts.portal ? { portal: opts.portal } : {}),
  };
}

/** Units that receive a letter: every non-collective unit holding a task, in notice order. */
export function receivingUnits(notice: Notice): UnitSummary[] {
  return notice.units.filter((u) => u.kind !== 'collective' && u.lead.length + u.support.length > 0);
}
