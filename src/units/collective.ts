import type { ReceivingUnit, ResolvedUnit, UnitDirectory, UnitEntry } from './types.js';

/**
 * The units a collective (各区, 开发区, 各街办) stands for, flattened when a member is itself a
 * collective; any other entry stands for itself. Order follows the directory's members lists.
 */
export function expandCollective(entry: UnitEntry, dir: UnitDirectory): UnitEntry[] {
  const out: UnitEntry[] = [];
  const seen = new Set<UnitEntry>();
  const visit = (e: UnitEntry, path: Set<UnitEntry>) => {
    if (e.kind !== 'collective') {
      if (!seen.has(e)) {
        seen.add(e);
        out.push(e);
      }
      return;
    }
    if (path.has(e)) return; // a cycle in a hand-edited file must not hang the tool
    const next = new Set(path).add(e);
    for (const m of e.members) {
      const member = dir.lookup(m);
      if (member) visit(member, next);
    }
  };
  visit(entry, new Set());
  return out;
}

/**
 * Every unit that receives tasks, once each, in first-seen order: units named directly and the
 * members of collectives. Unknown units (no entry) are receiving units under their resolved name.
 */
export function listReceivingUnits(units: readonly ResolvedUnit[], dir: UnitDirectory): ReceivingUnit[] {
  const byName = new Map<string, ReceivingUnit>();
  const order: ReceivingUnit[] = [];
  const touch = (name: string, entry: UnitEntry | null): ReceivingUnit => {
    let r = byName.get(name);
    if (!r) {
      r = { name, entry, direct: false, via: [] };
      byName.set(name, r);
      order.push(r);
    }
    return r;
  };
  for (const u of units) {
    if (u.entry && u.entry.kind === 'collective') {
      for (const m of expandCollective(u.entry, dir)) {
        const r = touch(m.name, m);
        if (!r.via.includes(u.entry.name)) r.via.push(u.entry.name);
      }
    } else if (u.name !== '') {
      touch(u.name, u.entry).direct = true;
    }
  }
  return order;
}
