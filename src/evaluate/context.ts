/**
 * Template data for templates/evaluation.hbs: the circular (考核结果通报) and one score sheet
 * (考核评分表) per unit. Every number is formatted here and every sentence that depends on the
 * data is written here; the template only lays the pieces out. Pure: no I/O, no clock.
 */
import { targetPhrase } from '../letters/target-phrase.js';
import { describeRules } from './describe.js';
import type { EvaluationResult, UnitScore } from './evaluate.js';
import type { EvaluationFacts, TaskFact, UnitFacts } from './facts.js';
import { fmt } from './points.js';
import { GRADES, ruleLabel, type Grade, type Rules } from './rules.js';
import { ROLE_LABEL } from './score.js';

export interface DocHead {
  /** ISO date of the document (成文日期). */
  date: string;
  /** The issuing organ, placeholders filled: 鄂州市人民政府目标责任考核办公室. */
  organ: string;
}

export interface RankingRow {
  rank: string;
  unit: string;
  lead: number;
  support: number;
  score: string;
  grade: Grade;
}

export interface FailingUnit {
  unit: string;
  score: string;
  rank: number;
  /** One sentence of the facts behind the grade. */
  facts: string;
}

export interface CircularData {
  kind: 'circular';
  sheet: null;
  circular: CircularBody;
}

export interface CircularBody {
  date: string;
  cnDate: string;
  organ: string;
  docNumber: string;
  title: string;
  recipients: string;
  intro: string;
  method: { label: string; text: string }[];
  summary: string;
  groups: { grade: Grade; count: number; units: string }[];
  notes: string[];
  chart: { title: string; unit: string; data: { label: string; value: number }[] };
  ranking: RankingRow[];
  failing: FailingUnit[];
  accountability: string;
  demands: string[];
  attachments: string[];
  cc: string | null;
}

export interface SheetTaskRow {
  label: string;
  title: string;
  role: string;
  status: string;
  targets: string;
}

export interface SheetLineRow {
  seq: number;
  item: string;
  rule: string;
  points: string;
}

export interface SheetData {
  kind: 'sheet';
  circular: null;
  sheet: SheetBody;
}

export interface SheetBody {
  date: string;
  cnDate: string;
  organ: string;
  title: string;
  unit: string;
  fullName: string;
  headline: string;
  tasks: SheetTaskRow[];
  lines: SheetLineRow[];
  base: string;
  total: string;
  grade: Grade;
  notes: string[];
  remark: string;
}

/** Values the document settings' placeholders stand for. */
export function placeholderValues(facts: EvaluationFacts, date: string): Record<string, string> {
  return { 城市: facts.city ?? '', 年度: String(facts.year), 发文年度: date.slice(0, 4) };
}

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{([^{}]*)\}/g, (m, key: string) => values[key] ?? m);
}

export function documentDate(facts: EvaluationFacts, rules: Rules): string {
  return rules.document.date ?? facts.date;
}

export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function head(facts: EvaluationFacts, rules: Rules): DocHead {
  const date = documentDate(facts, rules);
  const organ = fillPlaceholders(rules.document.organ, placeholderValues(facts, date));
  return { date, organ };
}

/** 《政府工作报告》 is what the notices decompose; the title names it when there is one notice. */
export function circularTitle(year: number): string {
  return `关于${year}年度《政府工作报告》工作任务落实情况考核结果的通报`;
}

function noticeCitation(facts: EvaluationFacts): string {
  return facts.notices
    .map((n) => {
      const title = n.title ? `《${n.title.replace(/^[《]|[》]$/g, '')}》` : '';
      return title && n.docNumber ? `${title}（${n.docNumber}）` : title || n.docNumber || n.key;
    })
    .join('、');
}

/** Score bands for the distribution chart, aligned with the grade lines. */
function distribution(units: readonly UnitScore[], rules: Rules): { label: string; value: number }[] {
  const g = rules.grades;
  const bands: { label: string; lo: number; hi: number }[] = [
    { label: `${fmt(g.合格)}分以下`, lo: -Infinity, hi: g.合格 },
    { label: `${fmt(g.合格)}–${fmt(g.良好)}分`, lo: g.合格, hi: g.良好 },
    { label: `${fmt(g.良好)}–${fmt(g.优秀)}分`, lo: g.良好, hi: g.优秀 },
  ];
  // The 优秀 band is split at its midpoint to the base: most units score there.
  const mid = Math.round((g.优秀 + Math.max(rules.base, g.优秀)) / 2);
  if (mid > g.优秀 && mid < rules.base) {
    bands.push({ label: `${fmt(g.优秀)}–${fmt(mid)}分`, lo: g.优秀, hi: mid }, { label: `${fmt(mid)}分及以上`, lo: mid, hi: Infinity });
  } else bands.push({ label: `${fmt(g.优秀)}分及以上`, lo: g.优秀, hi: Infinity });
  return bands.map((b) => ({ label: b.label, value: units.filter((u) => u.score >= b.lo && u.score < b.hi).length }));
}

/** 任务落实：… → a label set apart in the template, and the rest. */
function splitLabel(p: string): { label: string; text: string } {
  const m = /^([^：，。]{2,6})：(.*)$/.exec(p);
  return m ? { label: `${m[1]}：`, text: m[2]! } : { label: '', text: p };
}

function joinNames(names: readonly string[]): string {
  return names.length ? names.join('、') : '无';
}

/** The deductions that weigh most, as one sentence: what a failing unit is told. */
function failingFacts(u: UnitScore): string {
  const worst = u.breakdown
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.points < 0)
    .sort((a, b) => a.l.points - b.l.points || a.i - b.i);
  const shown = worst.slice(0, 5).sort((a, b) => a.i - b.i).map(({ l }) => l.description);
  const more = worst.length > shown.length ? `等${worst.length}项扣分` : '';
  const parts = [
    `${u.unit}得分${fmt(u.score)}分，排第${u.rank}名，扣分合计${fmt(-u.deducted)}分${u.added > 0 ? `、加分${fmt(u.added)}分` : ''}`,
    shown.length ? `主要扣分：${shown.join('；')}${more}` : '',
    ...u.vetoes.map((v) => `一票否决：${v}`),
  ];
  return `${parts.filter(Boolean).join('。')}。`;
}

export function circularData(facts: EvaluationFacts, result: EvaluationResult, rules: Rules): CircularData {
  const h = head(facts, rules);
  const values = placeholderValues(facts, h.date);
  const byName = new Map(facts.units.map((u) => [u.name, u]));
  const taskCount = new Set(facts.units.flatMap((u) => u.tasks.map((t) => `${t.notice}#${t.no}`))).size;
  const n = result.units.length;
  const avg = n ? result.units.reduce((s, u) => s + Math.round(u.score * 100), 0) / n / 100 : 0;
  const c = result.counts;
  const notes: string[] = [];
  if (result.demoted.length > 0 && rules.excellentCap) {
    const d = result.demoted;
    const named = d.length <= 10 ? `${d.join('、')}${d.length > 1 ? `${d.length}个单位` : ''}` : `${d.slice(0, 10).join('、')}等${d.length}个单位`;
    notes.push(
      `按照优秀等次不超过参评单位数${fmt(rules.excellentCap.share * 100)}%的规定（名额${result.excellentLimit}个），` +
        `${named}得分虽达到优秀分数线，按名次确定为良好，详见下表。`,
    );
  }
  const vetoed = result.units.filter((u) => u.vetoes.length > 0);
  if (vetoed.length > 0) notes.push(`${vetoed.map((u) => `${u.unit}（${u.vetoes.join('；')}）`).join('、')}实行一票否决，等次定为不合格。`);
  if (result.unscored.length > 0) notes.push(`${result.unscored.map((u) => u.unit).join('、')}本年度未承担分解任务，不参加考核。`);
  const failing = result.units.filter((u) => u.grade === '不合格');
  const bureau = rules.document.accountabilityOrgan;
  return {
    kind: 'circular',
    sheet: null,
    circular: {
      date: h.date,
      cnDate: cnDate(h.date),
      organ: h.organ,
      docNumber: fillPlaceholders(rules.document.docNumber, values),
      title: circularTitle(facts.year),
      recipients: rules.document.recipients,
      intro:
        `根据${noticeCitation(facts)}要求，${h.organ}对${n}个责任单位承担的${taskCount}项${facts.year}年度《政府工作报告》工作任务落实情况进行了考核，` +
        `考核依据各单位${facts.periods.length}个报送期（${facts.periods.map((p) => p.label.replace(`${facts.year}年`, '')).join('、')}）报送的进展情况。现将考核结果通报如下：`,
      method: describeRules(rules).map(splitLabel),
      summary:
        `参加考核的单位共${n}个，平均得分${fmt(avg)}分。其中，优秀${c.优秀}个，良好${c.良好}个，合格${c.合格}个，不合格${c.不合格}个。`,
      groups: GRADES.map((g) => ({ grade: g, count: c[g], units: joinNames(result.units.filter((u) => u.grade === g).map((u) => u.unit)) })),
      notes,
      chart: { title: `${facts.year}年度各单位考核得分分布`, unit: '个', data: distribution(result.units, rules) },
      ranking: result.units.map((u) => {
        const f = byName.get(u.unit);
        return {
          rank: String(u.rank),
          unit: u.unit,
          lead: f ? f.tasks.filter((t) => t.role === 'lead').length : 0,
          support: f ? f.tasks.filter((t) => t.role === 'support').length : 0,
          score: fmt(u.score),
          grade: u.grade,
        };
      }),
      failing: failing.map((u) => ({ unit: u.unit, score: fmt(u.score), rank: u.rank, facts: failingFacts(u) })),
      accountability: failing.length
        ? `上述单位工作不力，影响了${facts.year}年度《政府工作报告》确定工作任务的落实。建议${bureau}对${failing.map((u) => u.unit).join('、')}启动问责程序，追究相关领导责任。`
        : '本年度没有考核不合格的单位，不提出问责建议。',
      demands: [
        `各单位要对照《考核评分表》逐项查找差距，对扣分事项认真分析原因，制定整改措施，并于通报印发之日起15个工作日内将整改情况书面报送${h.organ}。`,
        `对考核结果有异议的单位，可于通报印发之日起5个工作日内，持相关佐证材料向${h.organ}书面申请复核；逾期未提出的，视为无异议。`,
        `考核结果纳入各单位年度责任目标考核，作为评先评优和干部考核的重要依据。`,
      ],
      attachments: ['各单位考核评分表（分送各单位）'],
      cc: rules.document.cc,
    },
  };
}

function statusText(t: TaskFact): string {
  if (t.status === null) return '全年未报送';
  const pct = t.status === '推进中' && t.percent !== null ? `（${fmt(t.percent)}%）` : '';
  return `${t.status}${pct}`;
}

/**
 * Each target once, named by the phrase that carries its number; targets read from one phrase
 * share it: 实施投资5000万元以上工业重点项目323个：目标5000万元以上，实际1382万元；目标323个，实际94个.
 */
function targetsText(t: TaskFact): string {
  const groups = new Map<string, string[]>();
  for (const g of t.targets) {
    const item = `目标${fmt(g.value)}${g.unit}${g.qualifier ?? ''}，实际${g.actual === null ? '未报' : `${fmt(g.actual)}${g.unit}`}`;
    const phrase = targetPhrase(g);
    const items = groups.get(phrase) ?? [];
    if (!items.includes(item)) items.push(item);
    groups.set(phrase, items);
  }
  return [...groups].map(([phrase, items]) => `${phrase}：${items.join('；')}`).join('；');
}

/**
 * The rule behind a line, in Chinese only (逾期报送, 年末状态“滞后”, 加分事项“领导批示肯定”): an
 * official document names rules by their words, not by the settings file's keys.
 */
export function ruleCell(key: string): string {
  const label = ruleLabel(key).replace(/（[^（）]*）$/, '');
  return label === key || /[A-Za-z]/.test(label) ? '考核规则' : label;
}

function signed(points: number): string {
  if (points === 0) return '0';
  return points > 0 ? `+${fmt(points)}` : `−${fmt(-points)}`;
}

export function sheetData(facts: EvaluationFacts, result: EvaluationResult, unit: UnitScore, rules: Rules): SheetData {
  const h = head(facts, rules);
  const f: UnitFacts | undefined = facts.units.find((u) => u.name === unit.unit);
  const tasks = f?.tasks ?? [];
  const leads = tasks.filter((t) => t.role === 'lead').length;
  return {
    kind: 'sheet',
    circular: null,
    sheet: {
      date: h.date,
      cnDate: cnDate(h.date),
      organ: h.organ,
      title: `${unit.unit}${facts.year}年度《政府工作报告》工作任务落实情况考核评分表`,
      unit: unit.unit,
      fullName: unit.fullName ?? unit.unit,
      headline:
        `承担任务${tasks.length}项（牵头${leads}项、配合${tasks.length - leads}项）。基础分${fmt(unit.base)}分，` +
        `加分${fmt(unit.added)}分，扣分${fmt(-unit.deducted)}分，得分${fmt(unit.score)}分，` +
        `在${result.units.length}个参评单位中排第${unit.rank}名，等次为“${unit.grade}”。`,
      tasks: tasks.map((t) => ({ label: t.label, title: t.title, role: t.via ? `${ROLE_LABEL[t.role]}（${t.via}）` : ROLE_LABEL[t.role], status: statusText(t), targets: targetsText(t) || '—' })),
      lines: unit.breakdown.map((l, i) => ({ seq: i + 1, item: l.description, rule: ruleCell(l.rule), points: signed(l.points) })),
      base: fmt(unit.base),
      total: fmt(unit.score),
      grade: unit.grade,
      notes: unit.gradeNotes,
      remark:
        `得分 = 基础分${fmt(unit.base)}分 + 加分${fmt(unit.added)}分 − 扣分${fmt(-unit.deducted)}分 = ${fmt(unit.score)}分。` +
        `“依据”栏为考核规则中的相应条款。对评分有异议的，可于考核结果通报印发之日起5个工作日内向${h.organ}申请复核。`,
    },
  };
}
