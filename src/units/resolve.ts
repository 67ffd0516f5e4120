import { hasPrefix, normaliseUnitName } from './normalise.js';
import type { ResolvedUnit, UnitDirectory, UnitEntry } from './types.js';

/** Endings of government departments, the only names the inherited prefix is added to. */
const DEPARTMENT_ENDING = /(局|委|办|厅|中心|室|委员会)$/;
/** Words that make a name a place (its own government), not a city department. */
const PLACE_WORD = /区|县|镇|乡|街道|區|縣|鎮|鄉/;
/** Words containing 区 that are not places. */
const NOT_PLACE = /社区|小区|区域|园区/g;
/** Starts that make a name a group, another level, or a national body. */
const OWN_START = /^(各|有关|相关|其他|其它|全|省|市(?!场)|县|区(?!域)|州|盟|旗|中国|中共|中央|国家|国务院)/;
/** Endings of what a place calls itself, stripped to get the stem a notice writes (葛店开发区 → 葛店). */
const PLACE_ENDING = /(经济技术开发区|经济开发区|高新技术产业开发区|开发区|新区|区|县|市|镇|乡|街道|街道办事处|街办)$/;

const PLACE_KINDS = new Set(['district', 'development-zone', 'sub-district']);

/**
 * Resolves the units of one task, in order, one result per raw name. The prefix (市) carries
 * over inside the list: after 市工商局, 法制办 means 市法制办. Unknown names are kept, never dropped.
 */
export function resolveUnitList(raws: readonly string[], dir: UnitDirectory): ResolvedUnit[] {
  const places = placeStems(dir);
  let inherit = false;
  return raws.map((raw) => {
    const norm = normaliseUnitName(raw);
    const entry = matchEntry(norm, dir);
    const name = entry ? entry.name : inherit && takesPrefix(norm, dir.prefix, places) ? dir.prefix + norm : norm;
    if (hasPrefix(name, dir.prefix) && (!entry || entry.kind === 'department')) inherit = true;
    return { raw, name, entry: entry ?? null };
  });
}

/** Resolves a single name with no list context (no prefix is inherited). */
export function resolveUnit(raw: string, dir: UnitDirectory): ResolvedUnit {
  return resolveUnitList([raw], dir)[0]!;
}

/**
 * Match order: the name as written (canonical, alias, full name); prefix + name; the
 * 人民政府 ↔ 政府 variants of both; the name without a prefix the directory does not write;
 * the city's own name replaced by the prefix (鄂州市公安局).
 */
export function matchEntry(norm: string, dir: UnitDirectory): UnitEntry | undefined {
  if (norm === '') return undefined;
  for (const v of variants(norm)) {
    const hit = dir.lookup(v) ?? (hasPrefix(v, dir.prefix) ? undefined : dir.lookup(dir.prefix + v));
    if (hit) return hit;
  }
  // A prefix the directory does not write: 市供电公司 is 供电公司.
  for (const v of variants(norm)) {
    if (!hasPrefix(v, dir.prefix) || v.length <= dir.prefix.length) continue;
    const hit = dir.lookup(v.slice(dir.prefix.length));
    if (hit) return hit;
  }
  if (dir.city && dir.prefix) {
    for (const cityForm of [`${dir.city}${dir.prefix}`, dir.city]) {
      if (norm.startsWith(cityForm) && norm.length > cityForm.length) {
        const rest = norm.slice(cityForm.length);
        for (const v of variants(rest)) {
          const hit = dir.lookup(dir.prefix + v);
          if (hit) return hit;
        }
      }
    }
  }
  return undefined;
}

function variants(name: string): string[] {
  const out = [name];
  if (name.includes('人民政府')) out.push(name.replace('人民政府', '政府'));
  else if (name.includes('政府')) out.push(name.replace('政府', '人民政府'));
  return out;
}

/** Whether an unknown name is a department of this level written without its prefix. */
function takesPrefix(name: string, prefix: string, places: readonly string[]): boolean {
  if (prefix === '' || hasPrefix(name, prefix) || OWN_START.test(name)) return false;
  if (!DEPARTMENT_ENDING.test(name)) return false;
  if (PLACE_WORD.test(name.replace(NOT_PLACE, ''))) return false;
  return !places.some((stem) => name.startsWith(stem));
}

/** The city's name and the stems of its districts, zones and sub-districts. */
function placeStems(dir: UnitDirectory): string[] {
  const stems = new Set<string>();
  if (dir.city) stems.add(dir.city);
  for (const e of dir.entries) {
    if (!PLACE_KINDS.has(e.kind)) continue;
    const stem = e.name.replace(PLACE_ENDING, '');
    if (stem.length >= 2) stems.add(stem);
  }
  return [...stems];
}
