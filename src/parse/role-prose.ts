/**
 * Units named inside a task's own prose, with the sentence going on after them:
 *   由某某副市长负责，市环保局牵头，相关部门配合，细化分工、落实责任，尽快完成……
 * Read only for a task that has no clause of its own, and only from a sentence whose role
 * phrases name organs (a person such as 副市长 is never a unit): one lead phrase (X牵头, X主办)
 * or 由X负责 is needed, so that ordinary prose (切实抓好落实) names nobody.
 */
import { looksLikeUnit, roleSegment, type ClausePart } from './unit-clause.js';

function phrases(sentence: string): { part: ClausePart; byYou: boolean }[] {
  const out: { part: ClausePart; byYou: boolean }[] = [];
  for (const seg of sentence.split(/[，,]/)) {
    const part = roleSegment(seg);
    if (!part || part.tag === 'none' || part.units.length === 0 || !part.units.every(looksLikeUnit)) continue;
    out.push({ part, byYou: /^\s*(此项工作|该项工作|本项工作|此项任务|该项任务)?由/.test(seg) });
  }
  return out;
}

export function proseRoleParts(text: string): ClausePart[] {
  for (const sentence of text.split(/[。；！？]/)) {
    const found = phrases(sentence);
    if (found.some((f) => f.part.tag === 'lead' || (f.part.tag === 'responsible' && f.byYou))) return found.map((f) => f.part);
  }
  return [];
}
