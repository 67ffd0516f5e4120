/**
 * A first draft of a city's unit directory (seeds/<city>-units.yaml) from one notice, for the
 * office to check and complete: every unit the notice names under the name the prefix rule gives
 * it (法制办 after 市工商局 is 市法制办); the spellings that fold to the same unit (with or
 * without the prefix, 人民政府 or 政府, full-width or half-width) as its aliases; a guessed kind;
 * and the collectives the notice uses (各区, 各县（市、区）政府 …), with members when the notice
 * names units of the matching kind, else as kind other with a comment asking for them.
 * Pure: Notice in, YAML text out. The draft loads without error and, used to parse the same
 * notice, leaves no unit unknown.
 */
import type { Notice, UnitKind } from '../model/notice.js';
import { hasPrefix, normaliseUnitName } from './normalise.js';

export interface DraftOptions {
  /** The administrative prefix (市, 省); default the one the notice's units use. */
  prefix: string;
}

interface DraftUnit {
  name: string;
  spellings: Map<string, number>;
  kind: Exclude<UnitKind, 'unknown'>;
  members: string[];
  firstSeen: number;
  /** Why a collective has no members. */
  note?: string;
}

/** Spellings of one unit fold to one key: prefix off, 人民政府 as 政府, width and spaces normalised. */
function foldKey(name: string, prefix: string): string {
  const n = normaliseUnitName(name).replace(/人民政府/g, '政府');
  return hasPrefix(n, prefix) ? n.slice(prefix.length) : n;
}

const COLLECTIVE = /^(各|有关|相关|其他|其它)/;

function guessKind(name: string, prefix: string): Exclude<UnitKind, 'unknown'> {
  if (COLLECTIVE.test(name)) return 'collective';
  if (/(公司|银行|集团|分行|支行|供电|电信|移动|联通)/.test(name) || name === '人行') return 'company';
  if (/(开发区|新区|高新区|园区|示范区|试验区)/.test(name) && !hasPrefix(name, prefix)) return 'development-zone';
  if (/(街道|街办|街道办事处|镇|乡)(政府|人民政府)?$/.test(name)) return 'sub-district';
  if (!hasPrefix(name, prefix) && /(区|县)(政府|人民政府)?$/.test(name)) return 'district';
  if (/(局|委|办|厅|中心|室|委员会|部|处|院|所|站|队|会|社|团|馆|台)$/.test(name)) return 'department';
  return 'other';
}

/** The members a collective's name points to, by kind. */
function memberKinds(name: string): UnitKind[] | null {
  const n = normaliseUnitName(name);
  if (/县|市、区|市区/.test(n)) return ['district'];
  if (/街|乡|镇/.test(n)) return ['sub-district'];
  if (/开发区|园区/.test(n)) return ['development-zone'];
  if (/区/.test(n)) return ['district'];
  return null;
}

const KIND_TITLES: [Exclude<UnitKind, 'unknown'>, string][] = [
  ['department', '部门'],
  ['district', '区、县'],
  ['development-zone', '开发区'],
  ['sub-district', '街道、乡镇'],
  ['company', '企业、金融机构'],
  ['other', '其他'],
  ['collective', '集合称谓（如“各区”）：members 列出它包含的单位'],
];

/** A YAML scalar: plain when it is safe, else double-quoted (JSON quoting is valid YAML). */
function scalar(s: string): string {
  return /^[\p{Script=Han}A-Za-z0-9（）()、·．.\-—]+$/u.test(s) && !/^[-.]/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

export function draftUnitDirectory(notice: Notice, opts: DraftOptions, city: string | null, docNumberPrefix: string | null): string {
  const { prefix } = opts;
  const byKey = new Map<string, DraftUnit>();
  let seq = 0;
  for (const t of notice.tasks) {
    for (const u of t.units) {
      const name = normaliseUnitName(u.name);
      const key = foldKey(name, prefix);
      let d = byKey.get(key);
      if (!d) {
        d = { name, spellings: new Map(), kind: 'other', members: [], firstSeen: seq++ };
        byKey.set(key, d);
      }
      // The prefixed spelling is the canonical one, as the rest of duban names units.
      if (hasPrefix(name, prefix) && !hasPrefix(d.name, prefix)) d.name = name;
      for (const s of [u.raw, u.name]) {
        const n = normaliseUnitName(s);
        d.spellings.set(n, (d.spellings.get(n) ?? 0) + 1);
      }
    }
  }
  const units = [...byKey.values()];
  for (const d of units) d.kind = guessKind(d.name, prefix);
  for (const d of units.filter((x) => x.kind === 'collective')) {
    const kinds = memberKinds(d.name);
    d.members = kinds ? units.filter((x) => kinds.includes(x.kind)).map((x) => x.name) : [];
    if (d.members.length === 0) {
      d.kind = 'other';
      d.note = kinds
        ? '集合称谓：通知中没有出现它包含的单位，请补上这些单位，把 kind 改为 collective 并在 members 中列出'
        : '集合称谓：未能确定包含哪些单位；如需展开，请把 kind 改为 collective 并在 members 中列出';
    }
  }

  // Every name a unit claims must be its own: an alias another unit claims is dropped.
  const claimed = new Map<string, DraftUnit>();
  for (const d of units) claimed.set(d.name, d);
  const aliases = new Map<DraftUnit, string[]>();
  for (const d of units) {
    const list: string[] = [];
    for (const s of d.spellings.keys()) {
      // Written without the prefix, an alias also matches the prefixed spelling.
      const alias = hasPrefix(s, prefix) && s !== d.name ? s.slice(prefix.length) : s;
      if (alias === d.name || alias === '') continue;
      if (claimed.has(alias) && claimed.get(alias) !== d) continue;
      if (list.includes(alias)) continue;
      claimed.set(alias, d);
      list.push(alias);
    }
    aliases.set(d, list);
  }

  const lines: string[] = [
    `# ${city ?? ''}单位名录（草稿，由 duban units init 根据 ${notice.meta.docNumber ?? notice.source.file} 生成）`,
    '#',
    '# 请逐项核对：规范名称（name）、别名（aliases）和类别（kind）都是按通知中的写法推测的；',
    '# 全称（full）请按本地机构设置补上。格式说明见 seeds/ezhou-units.yaml 开头。',
    '# 改完后运行 duban parse 通知文件 --units 本文件 检查。',
    '',
  ];
  if (city) lines.push(`city: ${scalar(city)}`);
  else lines.push('# city: 请填写城市名称（如 鄂州），去掉行首的 # 号；填写后本市的通知会自动选用本名录');
  lines.push(`prefix: ${scalar(prefix)}`);
  if (docNumberPrefix) lines.push(`docNumberPrefixes: [${scalar(docNumberPrefix)}]`);
  lines.push('', 'units:');
  for (const [kind, title] of KIND_TITLES) {
    const group = units.filter((d) => d.kind === kind).sort((a, b) => a.firstSeen - b.firstSeen);
    if (group.length === 0) continue;
    lines.push(`  # ── ${kind === 'department' ? `${prefix}直${title}` : title} ──`);
    for (const d of group) {
      if (d.note) lines.push(`  # ${d.note}`);
      if (d.kind === 'collective') lines.push('  # 集合称谓：成员是按通知中出现的单位推测的，请补全或改正');
      lines.push(`  - name: ${scalar(d.name)}`);
      const a = aliases.get(d)!;
      if (a.length) lines.push(`    aliases: [${a.map(scalar).join(', ')}]`);
      lines.push(`    kind: ${d.kind}`);
      if (d.kind === 'collective') lines.push(`    members: [${d.members.map(scalar).join(', ')}]`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
