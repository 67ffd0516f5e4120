/**
 * What the circular's head needs that the database does not store (it keeps neither the
 * notice's issuer nor its recipients line): the city, read from the data, and the groups of
 * units the circular is addressed to, read from the kinds of units holding tasks. Pure.
 */
import type { UnitKind } from '../model/notice.js';

/** 鄂州 from 鄂州市发展和改革委员会: the city most full names start with. */
function cityFromFullNames(fullNames: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const n of fullNames) {
    const m = /^(\p{Script=Han}{2,4}?)市/u.exec(n);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : null;
}

/** 鄂州 from 鄂州政办发〔2014〕4号 (the 文号's organ abbreviation starts with the city). */
function cityFromDocNumber(docNumber: string): string | null {
  const m = /^(\p{Script=Han}{2,4}?)市?(?:政办发|政办函|政办|政发|府办发|府办|府发)[〔[(（]/u.exec(docNumber.trim());
  return m ? m[1]! : null;
}

/** 鄂州 from 鄂州市人民政府办公室关于…. */
function cityFromTitle(title: string): string | null {
  const m = /^(\p{Script=Han}{2,4}?)市人民政府/u.exec(title.trim());
  return m ? m[1]! : null;
}

export interface CitySources {
  fullNames: readonly string[];
  docNumber: string | null;
  title: string | null;
}

/** The city without 市 (鄂州), or '' when nothing in the data names it. */
export function cityOf(src: CitySources): string {
  return (
    cityFromFullNames(src.fullNames) ??
    (src.title ? cityFromTitle(src.title) : null) ??
    (src.docNumber ? cityFromDocNumber(src.docNumber) : null) ??
    ''
  );
}

export interface Addressees {
  districts: boolean;
  zones: boolean;
  streets: boolean;
  /** Districts or zones: the first group of the 主送 line. */
  local: boolean;
}

/**
 * Which groups the circular is addressed to (主送), from the kinds of units holding tasks; the
 * template words them (各区人民政府、开发区管委会，各街道办事处，市政府各部门). Companies and other
 * bodies are reached through 市政府各部门, as the notices themselves address them.
 */
export function addresseesOf(kinds: readonly UnitKind[]): Addressees {
  const districts = kinds.includes('district');
  const zones = kinds.includes('development-zone');
  return { districts, zones, streets: kinds.includes('sub-district'), local: districts || zones };
}
