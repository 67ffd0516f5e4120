/**
 * The review a person does before letters go out, done for them: tasks that came out without
 * units, unit strings that read like a sentence rather than a name, and a unit named twice in
 * one task. Each finding is a positioned diagnostic; the counts feed `duban parse`'s summary and
 * its exit code (gaps → EXIT.partial, any warning with --strict → non-zero).
 */
import { diag, type Diagnostic } from '../model/diagnostic.js';
import type { Notice, Task } from '../model/notice.js';

/** Longer than this, a unit string is more likely a sentence than a name. */
export const MAX_UNIT_NAME = 20;

export interface ReviewCounts {
  tasks: number;
  /** Tasks (leaves of the outline) with no unit. */
  withoutUnits: number;
  /** Distinct unit names not in the unit directory (0 when no directory was used). */
  unknownUnits: number;
  /** Unit strings that read like a sentence or run past MAX_UNIT_NAME characters. */
  sentenceLike: number;
  /** Units named twice in one task. */
  repeated: number;
}

/** Leaf tasks without units: the gaps. A parent item (3、 over its （1）) carries none by design. */
export function gapTasks(tasks: readonly Task[]): Task[] {
  const parents = new Set(tasks.map((t) => t.parent));
  return tasks.filter((t) => t.units.length === 0 && !parents.has(t.no));
}

/** Verbs that open a sentence of a task, never the name of an organ. */
const SENTENCE_START = /^(加快|推进|确保|加强|做好|抓好|实现|提升|提高|力争|开展|健全|完善|落实|争取|积极|全面|进一步|深入|认真|切实|大力|着力|坚持|启动|完成)/;
const SENTENCE_END = /(工作|任务|目标|情况|完成|推进|实施|落实|到位|为主)$/;

/**
 * A unit string that reads like a piece of a sentence: too long for a name, holding sentence
 * punctuation or 的, or opening or closing as a task's wording does. Short names the parser has
 * not met (县级市, 五金城) are not flagged: the directory check covers those.
 */
export function readsLikeSentence(raw: string): boolean {
  if (raw.length > MAX_UNIT_NAME || /[。！？；：，]/.test(raw)) return true;
  const bare = raw.replace(/（[^）]*）/g, '');
  return /的/.test(bare) || SENTENCE_START.test(bare) || SENTENCE_END.test(bare);
}

/** Diagnostics for sentence-like and repeated unit strings, one per finding. */
export function unitStringDiagnostics(tasks: readonly Task[], file: string, known: (name: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of tasks) {
    const seen = new Set<string>();
    for (const u of t.units) {
      if (!known(u.name) && readsLikeSentence(u.raw)) {
        const why = u.raw.length > MAX_UNIT_NAME ? `超过${MAX_UNIT_NAME}个字` : '读起来像句子';
        out.push(diag('warning', 'unit.sentence-like', file, t.line, `第${t.label}项任务的责任单位“${u.raw}”${why}，请核对是否把句子误读成了单位`));
      }
      if (seen.has(u.name)) out.push(diag('warning', 'unit.repeated', file, t.line, `第${t.label}项任务中“${u.name}”出现了两次`));
      seen.add(u.name);
    }
  }
  return out;
}

export function reviewCounts(notice: Notice, directoryUsed: boolean): ReviewCounts {
  const count = (code: string) => notice.diagnostics.filter((d) => d.code === code).length;
  return {
    tasks: notice.tasks.length,
    withoutUnits: gapTasks(notice.tasks).length,
    unknownUnits: directoryUsed ? notice.units.filter((u) => u.kind === 'unknown').length : 0,
    sentenceLike: count('unit.sentence-like'),
    repeated: count('unit.repeated'),
  };
}

/** Words that assign work to units; a text with none of them is no task-decomposition notice. */
const ASSIGNMENT_WORDS = /(责任|牵头|主办|协办|配合|承办|协助)(单位|部门)|牵头|分工|任务分解|责任分解|分解表/;

export function hasAssignmentWords(lines: readonly string[]): boolean {
  return lines.some((l) => ASSIGNMENT_WORDS.test(l));
}

/** The warning a command that writes documents gives for tasks no unit will receive, or null. */
export function gapWarning(notice: Notice): string | null {
  const gaps = gapTasks(notice.tasks);
  if (gaps.length === 0) return null;
  const labels = gaps.slice(0, 8).map((t) => t.label).join('、');
  return `注意：有 ${gaps.length} 项任务没有责任单位（第${labels}${gaps.length > 8 ? '等' : ''}项），不会交办给任何单位；请先用 duban parse 核对，或在任务台账中补上后用台账重新生成`;
}
