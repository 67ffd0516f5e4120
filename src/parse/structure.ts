/**
 * Outline items → chapters, sections, tasks and the covering notice's requirements.
 * Which label rank holds the tasks is read from the document itself: the ranks whose items
 * carry unit clauses. 一、 items are chapters once the task list has begun and requirements of
 * the covering notice before it; （一） items above the task rank are sections.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { KIND_RANK, type LabelKind } from './labels.js';
import type { Item } from './item.js';

export interface TaskNode {
  item: Item;
  chapter: Item | null;
  section: Item | null;
  parent: TaskNode | null;
  children: TaskNode[];
}

export interface Structure {
  requirements: Item[];
  chapters: Item[];
  tasks: TaskNode[];
  /** Line where the task list begins; the lines before it are the covering notice. */
  bodyLine: number;
  /** No item carried a unit clause: the task rank is a guess from the numbering alone. */
  guessed: boolean;
}

function taskKinds(items: readonly Item[]): { kinds: Set<LabelKind>; guessed: boolean } {
  const kinds = new Set(items.filter((i) => i.parts.length > 0).map((i) => i.kind));
  if (kinds.size > 1) kinds.delete('cn');
  if (kinds.size > 0 || items.length === 0) return { kinds, guessed: false };
  return { kinds: new Set([mostNumerousKind(items)]), guessed: true };
}

/**
 * With no unit clause recognised anywhere, the tasks are guessed to be the label rank with the
 * most items (一、 only when nothing else is numbered; the deeper rank on a tie), so that every
 * numbered item still comes out, each with a diagnostic, instead of the notice being refused.
 */
function mostNumerousKind(items: readonly Item[]): LabelKind {
  const counts = new Map<LabelKind, number>();
  for (const i of items) if (i.kind !== 'circled') counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const ranked = [...counts].filter(([k]) => k !== 'cn' || counts.size === 1);
  if (ranked.length === 0) return items[0]!.kind;
  ranked.sort((a, b) => b[1] - a[1] || KIND_RANK[b[0]] - KIND_RANK[a[0]]);
  return ranked[0]![0];
}

/** Index of the first item of the task list: a chapter that holds tasks, or the first task. */
function bodyStart(items: readonly Item[], kinds: Set<LabelKind>, guessed: boolean): number {
  const firstTask = items.findIndex((i) => kinds.has(i.kind) && (guessed || i.parts.length > 0));
  if (firstTask < 0) return items.length;
  for (let i = firstTask - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.kind === 'cn' && !kinds.has('cn')) return i;
    if (it.kind === 'paren-cn' && !kinds.has('paren-cn') && !items.slice(0, i).some((x) => x.kind === 'cn')) return i;
  }
  // A parent item (3、 above its （1）) just before the first unit clause belongs to the list.
  const firstRank = KIND_RANK[items[firstTask]!.kind];
  let start = firstTask;
  while (start > 0 && kinds.has(items[start - 1]!.kind) && KIND_RANK[items[start - 1]!.kind] < firstRank) start--;
  // Tasks numbered in sequence before the first clause (1. without units, then 2. with) belong too.
  while (start > 0 && inSequence(items[start - 1]!, items[start]!)) start--;
  return start;
}

function inSequence(prev: Item, next: Item): boolean {
  return prev.kind === next.kind && prev.value === next.value - 1;
}

export function buildStructure(items: readonly Item[]): Structure {
  const { kinds, guessed } = taskKinds(items);
  const start = bodyStart(items, kinds, guessed);
  const requirements = items.slice(0, start).filter((i) => i.kind === 'cn');
  const chapters: Item[] = [];
  const tasks: TaskNode[] = [];
  const maxTaskRank = Math.max(-1, ...[...kinds].map((k) => KIND_RANK[k]));
  let chapter: Item | null = null;
  let section: Item | null = null;
  let stack: TaskNode[] = [];
  for (const item of items.slice(start)) {
    if (kinds.has(item.kind)) {
      const rank = KIND_RANK[item.kind];
      while (stack.length && KIND_RANK[stack[stack.length - 1]!.item.kind] >= rank) stack.pop();
      const parent = stack[stack.length - 1] ?? null;
      const node: TaskNode = { item, chapter, section, parent, children: [] };
      parent?.children.push(node);
      tasks.push(node);
      stack.push(node);
    } else if (item.kind === 'cn') {
      chapter = item;
      section = null;
      stack = [];
      chapters.push(item);
    } else if (KIND_RANK[item.kind] > maxTaskRank && stack.length) {
      // A sub-point inside a task's text (（1） under a 1. task): it stays part of that text.
      const host = stack[stack.length - 1]!.item;
      host.text += `${item.printed}${item.kind === 'num' ? '.' : ''}${item.text}`;
    } else {
      section = item;
      stack = [];
    }
  }
  return { requirements, chapters, tasks, bodyLine: items[start]?.line ?? Infinity, guessed };
}

/** Gaps, repeats and inferred labels in the task numbering, per scope. */
export function numberingDiagnostics(s: Structure, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lastInScope = new Map<string, { value: number; chapter: Item | null }>();
  for (const t of s.tasks) {
    const it = t.item;
    const scope = `${t.parent ? `p${t.parent.item.line}` : 'top'}:${it.kind}`;
    const prev = lastInScope.get(scope);
    lastInScope.set(scope, { value: it.value, chapter: t.chapter });
    if (it.inferred) {
      out.push({ level: 'warning', code: 'numbering.unreadable', file, line: it.line, message: `任务编号无法识别，已按顺序推定为第${it.value}项` });
      continue;
    }
    if (!prev) continue;
    const restarted = prev.chapter !== t.chapter && it.value === 1;
    if (restarted || it.value === prev.value + 1) continue;
    const msg =
      it.value === prev.value
        ? `任务编号“${it.printed}”重复`
        : it.value > prev.value + 1
          ? `任务编号不连续：第${prev.value}项之后是第${it.value}项`
          : `任务编号顺序异常：第${prev.value}项之后是第${it.value}项`;
    out.push({ level: 'warning', code: it.value === prev.value ? 'numbering.repeat' : 'numbering.gap', file, line: it.line, message: msg });
  }
  let prevChapter = 0;
  for (const c of s.chapters) {
    if (prevChapter && c.value !== prevChapter + 1) {
      out.push({ level: 'warning', code: 'numbering.chapter', file, line: c.line, message: `章节编号不连续：“${c.printed}”前缺少或重复章节` });
    }
    prevChapter = c.value;
  }
  return out;
}
