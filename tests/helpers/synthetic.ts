/**
 * Synthetic task-decomposition notices in the reference notice's shape (seeds/ezhou-2014-4.txt):
 * a covering notice with 文号, recipients, 一、二、三、 requirements and the 元月底前 plan
 * sentence, then N tasks numbered 1..N in chapters, each ending in a unit clause, plus a unit
 * directory YAML for the pool of units the tasks draw from. Deterministic: the same options give
 * byte-identical text (a seeded PRNG, no clock).
 *
 * Each notice comes with what a correct parse must find (`expected`), so tests can compare.
 * This file imports nothing but node builtins: bench/run.mjs transpiles it on the fly with
 * TypeScript's transpileModule, which keeps one generator for tests and benchmark alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How each task says who does it. */
export type ClauseShape =
  /** （责任单位：A、B、C） at the end of the task: first leads. */
  | 'inline'
  /** （牵头单位：A、B；配合单位：C） at the end of the task. */
  | 'labelled'
  /** Own lines after the task: 牵头单位：A / 责任单位：B、C (责任 after 牵头 supports). */
  | 'own-line'
  /** Own line after the task: 部门分工：A牵头，B、C配合。 */
  | 'division';

export const CLAUSE_SHAPES: readonly ClauseShape[] = ['inline', 'labelled', 'own-line', 'division'];

export interface SyntheticOptions {
  /** Number of tasks (numbered 1..tasks). */
  tasks: number;
  /** Size of the unit pool (default 300). */
  units?: number;
  seed?: number;
  /** One shape for all tasks, or a random shape per task. Default: inline (the seed's shape). */
  shape?: ClauseShape | 'mixed';
  /** Punctuation as the seed prints it (ASCII , : ( ) ;) or full-width. Default: half. */
  width?: 'half' | 'full';
  /** Tasks per chapter, on average (default 4); chapters are capped at 30. */
  perChapter?: number;
  /** City name for the directory and the covering notice (default 江城). */
  city?: string;
  /** Name a collective 各区 in some tasks (default true). */
  collectives?: boolean;
}

export type SyntheticKind = 'department' | 'district' | 'collective';

export interface SyntheticUnit {
  /** Canonical name, e.g. 市发改委, 东湖区, 各区. */
  name: string;
  /** How tasks write it after the first unit of a list: the prefix 市 dropped for departments. */
  short: string;
  kind: SyntheticKind;
  members?: string[];
}

export interface ExpectedUnit {
  raw: string;
  name: string;
  role: 'lead' | 'support';
}

export interface ExpectedTarget {
  value: number;
  unit: string;
}

export interface ExpectedTask {
  no: number;
  label: string;
  chapter: string;
  title: string;
  shape: ClauseShape;
  units: ExpectedUnit[];
  targets: ExpectedTarget[];
  line: number;
}

export interface ExpectedNotice {
  docNumber: string;
  year: number;
  signDate: string;
  planDeadline: string;
  planRecipient: string;
  recipients: string[];
  requirements: number;
  chapters: { no: string; title: string }[];
  tasks: ExpectedTask[];
}

export interface SyntheticNotice {
  text: string;
  /** Unit directory for the pool, in the format of seeds/ezhou-units.yaml. */
  yaml: string;
  pool: SyntheticUnit[];
  expected: ExpectedNotice;
}

/** mulberry32: small, fast, good enough for test data; the same seed gives the same stream. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function shuffle<T>(r: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// Department stems: none starts with 市场 (read as a word, not 市 + 场…), none ends in a role word.
const STEMS = [
  '发改', '经信', '教育', '科技', '公安', '民政', '司法', '财政', '人社', '国土', '环保', '住建', '交通', '水务',
  '农业', '林业', '商务', '文体', '卫计', '审计', '统计', '物价', '粮食', '旅游', '安监', '质监', '工商', '食药',
  '城管', '房产', '规划', '招商', '金融', '法制', '信访', '档案', '气象', '地税', '国税', '侨务', '民宗', '外事',
  '人防', '编制', '口岸', '港航', '畜牧', '水产', '扶贫', '移民', '体育', '广电', '新闻', '邮政', '海事', '侨联',
];
const DEPT_SUFFIXES = ['局', '委', '办', '中心', '管理局', '服务中心'];
const PLACE_A = ['东', '西', '南', '北', '长', '青', '白', '临', '新', '古', '凤', '龙', '金', '银', '清', '云'];
const PLACE_B = ['湖', '山', '江', '城', '港', '塘', '林', '桥', '泉', '洲', '岭', '坪', '溪', '滩', '阳', '川'];

/** A pool of `count` distinct unit names: about one district in fifteen, the rest departments. */
export function unitPool(count: number, seed = 1, collectives = true): SyntheticUnit[] {
  const r = prng(seed ^ 0x5eed);
  const districtCount = Math.max(2, Math.min(PLACE_A.length * PLACE_B.length, Math.round(count / 15)));
  const places = shuffle(r, PLACE_A.flatMap((a) => PLACE_B.map((b) => `${a}${b}`)));
  const districts: SyntheticUnit[] = places
    .slice(0, districtCount)
    .map((p) => ({ name: `${p}区`, short: `${p}区`, kind: 'district' }));
  // Single stems with every suffix first (市发改委, 市发改局 …), then two-stem names when a
  // pool needs more than those.
  const singles = shuffle(r, STEMS.flatMap((stem) => DEPT_SUFFIXES.map((suffix) => `${stem}${suffix}`)));
  const pairs = STEMS.flatMap((a) => STEMS.filter((b) => b !== a).map((b) => `${a}${b}${DEPT_SUFFIXES[(a.length + b.charCodeAt(0)) % 3]}`));
  const names = [...singles, ...shuffle(r, pairs)];
  if (count - districtCount > names.length) throw new Error(`unit pool larger than ${names.length + districtCount}`);
  const departments: SyntheticUnit[] = names
    .slice(0, Math.max(0, count - districtCount))
    .map((short) => ({ name: `市${short}`, short, kind: 'department' }));
  const pool = [...departments, ...districts];
  if (collectives) pool.push({ name: '各区', short: '各区', kind: 'collective', members: districts.map((d) => d.name) });
  return pool;
}

/** The unit directory YAML for a pool, as the office would write it. */
export function poolYaml(pool: readonly SyntheticUnit[], city = '江城'): string {
  const out = [`# 合成单位名录（测试与基准用）`, `city: ${city}`, `prefix: 市`, `docNumberPrefixes: [${city}政办发]`, ``, `units:`];
  for (const u of pool) {
    out.push(`  - name: ${u.name}`);
    if (u.kind === 'department') out.push(`    full: ${city}${u.name}`);
    if (u.kind === 'district') out.push(`    full: ${city}市${u.name}`);
    out.push(`    kind: ${u.kind}`);
    if (u.members) out.push(`    members: [${u.members.join(', ')}]`);
  }
  return `${out.join('\n')}\n`;
}

const VERBS = ['加快推进', '全面深化', '大力发展', '着力加强', '扎实推进', '积极培育', '持续优化', '切实抓好', '稳步推进', '不断完善'];
const OBJECTS = [
  '新型城镇化建设', '农村综合改革', '生态文明建设', '产业转型升级', '民生保障体系', '社会治理创新', '营商环境建设',
  '重点项目建设', '开放型经济', '现代服务业', '科技创新体系', '公共文化服务', '城乡基础设施', '政务服务改革',
  '食品药品安全', '安全生产监管', '水资源保护', '就业创业服务', '教育均衡发展', '医疗卫生改革',
];
const SENTENCES = [
  '建立健全工作推进机制，强化协调配合，着力解决工作推进过程中的实际问题',
  '按照“定目标、定责任、定时限、定标准、定措施”的原则，逐项细化分解，明确责任主体',
  '完善考核评价办法，加强督促检查，确保各项措施落到实处',
  '积极争取上级政策和资金支持，引导社会资本参与建设，形成多元投入格局',
  '深化体制机制改革，破除制约发展的突出障碍，激发市场主体活力',
  '坚持规划引领，统筹布局产业平台、基础设施和公共服务',
  '加强部门联动和信息共享，提升监管效能和服务水平',
  '总结推广先进经验，培育一批示范典型，以点带面整体推进',
  '年底前完成阶段性任务，形成可复制可推广的制度成果',
];
/** Target phrases: a prefix, a number and a measure word the parser knows. */
const TARGETS: { before: string; unit: string; lo: number; hi: number; decimals: boolean }[] = [
  { before: '确保全年新增就业', unit: '万人', lo: 1, hi: 9, decimals: true },
  { before: '力争全年新增限上企业', unit: '家', lo: 10, hi: 90, decimals: false },
  { before: '力争旅游总收入突破', unit: '亿元', lo: 20, hi: 200, decimals: false },
  { before: '高新技术产业增加值增长', unit: '%', lo: 5, hi: 30, decimals: false },
  { before: '新建保障性住房', unit: '套', lo: 500, hi: 9000, decimals: false },
  { before: '完成配套基础设施建设', unit: '平方公里', lo: 2, hi: 15, decimals: false },
];

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export function chineseNumeral(n: number): string {
  if (n < 10) return CN[n]!;
  if (n < 20) return `十${CN[n - 10]}`;
  return `${CN[Math.floor(n / 10)]}十${CN[n % 10]}`;
}

interface Marks {
  comma: string;
  colon: string;
  open: string;
  close: string;
  semi: string;
}
const HALF: Marks = { comma: ',', colon: ':', open: '(', close: ')', semi: ';' };
const FULL: Marks = { comma: '，', colon: '：', open: '（', close: '）', semi: '；' };

/** The seed prints running text with ASCII commas; a 'full' notice keeps the full-width ones. */
function punct(s: string, m: Marks): string {
  return m === FULL ? s : s.replace(/，/g, ',').replace(/：/g, ':');
}

function chooseUnits(r: Rand, pool: readonly SyntheticUnit[], collectives: boolean): SyntheticUnit[] {
  const singles = pool.filter((u) => u.kind !== 'collective');
  const count = r() < 0.15 ? 1 : int(r, 2, 8);
  const chosen = new Set<SyntheticUnit>();
  // The first unit is a department, as in every clause of the seed.
  const depts = singles.filter((u) => u.kind === 'department');
  chosen.add(pick(r, depts));
  while (chosen.size < count) chosen.add(pick(r, singles));
  const list = [...chosen];
  const collective = pool.find((u) => u.kind === 'collective');
  if (collectives && collective && count > 1 && r() < 0.2) list.push(collective);
  return list;
}

/** Written form in a list: the first department keeps 市, later ones inherit it. */
function written(units: readonly SyntheticUnit[]): string[] {
  return units.map((u, i) => (i === 0 ? u.name : u.short));
}

interface Clause {
  /** Appended to the task's own line (inline shapes), else ''. */
  tail: string;
  /** Lines after the task's line (own-line shapes). */
  lines: string[];
  roles: ('lead' | 'support')[];
}

function clauseFor(r: Rand, shape: ClauseShape, names: string[], m: Marks): Clause {
  const n = names.length;
  const leads = shape === 'labelled' && n > 2 && r() < 0.3 ? 2 : 1;
  const roles = names.map((_, i): 'lead' | 'support' => (i < leads ? 'lead' : 'support'));
  const lead = names.slice(0, leads).join('、');
  const rest = names.slice(leads).join('、');
  switch (shape) {
    case 'inline':
      return { tail: `${m.open}责任单位${m.colon}${names.join('、')}${m.close}`, lines: [], roles };
    case 'labelled':
      return {
        tail: `${m.open}牵头单位${m.colon}${lead}${rest ? `${m.semi}配合单位${m.colon}${rest}` : ''}${m.close}`,
        lines: [],
        roles,
      };
    case 'own-line':
      return { tail: '', lines: [`牵头单位${m.colon}${lead}`, ...(rest ? [`责任单位${m.colon}${rest}`] : [])], roles };
    case 'division':
      return { tail: '', lines: [`部门分工${m.colon}${lead}牵头${rest ? `${m.comma}${rest}配合` : ''}。`], roles };
  }
}

function taskText(r: Rand, m: Marks): { title: string; body: string; targets: ExpectedTarget[] } {
  const title = `${pick(r, VERBS)}${pick(r, OBJECTS)}`;
  const sentences = shuffle(r, [...SENTENCES]).slice(0, int(r, 1, 3));
  const targets: ExpectedTarget[] = [];
  if (r() < 0.4) {
    const t = pick(r, TARGETS);
    const v = t.decimals ? int(r, t.lo * 10, t.hi * 10) / 10 : int(r, t.lo, t.hi);
    const phrase = t.unit === '平方公里' ? `${t.before.slice(0, 2)}${v}${t.unit}${t.before.slice(2)}` : `${t.before}${v}${t.unit}`;
    sentences.push(phrase);
    targets.push({ value: v, unit: t.unit });
  }
  return { title, body: punct(sentences.map((s) => `${s}。`).join(''), m), targets };
}

/** Chapter count: about `perChapter` tasks each, at least 1, at most 30. */
function chapterSizes(tasks: number, perChapter: number): number[] {
  const chapters = Math.max(1, Math.min(30, Math.round(tasks / perChapter)));
  const base = Math.floor(tasks / chapters);
  return Array.from({ length: chapters }, (_, i) => base + (i < tasks % chapters ? 1 : 0));
}

const CHAPTER_TITLES = [
  '大力解放思想，全面深化改革，激活发展内生动力', '坚持产城一体，加快新区开放开发', '实施创新驱动，加快转方式调结构',
  '强化工业支撑，实施重点产业倍增计划', '依靠制度创新，增添农村发展活力', '突出品位提升，彰显现代城市特色',
  '建设生态文明，引领绿色发展', '加强社会建设，增进人民福祉', '加快政府自身建设',
];

function cover(city: string, year: number, no: number, m: Marks): { lines: string[]; recipients: string[] } {
  const report = `市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见`;
  const c = m.colon;
  const recipients = ['各区人民政府', '开发区管委会', '各街道办事处', '市政府各部门'];
  const lines = [
    `市人民政府办公室关于印发《${report}》的通知`,
    '',
    `索  引  号${c} 0112176${no}/${year}-27670 文      号${c} ${city}政办发〔${year}〕${no}号`,
    `发布机构 ${c} ${city}市政府 发布日期${c} ${year}年01月28日`,
    `${recipients[0]}、${recipients[1]}${m.comma}${recipients[2]}${m.comma}${recipients[3]}${c}`,
    '',
    punct(`  ${year}年是全面深化改革的关键年。为确保各项工作任务落到实处，经市政府同意，现将《${report}》印发给你们。现就有关事项通知如下：`, m),
    '',
    punct('  一、加强领导、明确目标。各级政府、各部门要切实加强领导，明确目标任务，逐条细化，确保完成。', m),
    '',
    punct('  二、强化责任、狠抓落实。各责任单位要围绕目标任务，制订详细工作实施方案，并于元月底前报送至市政府政务督查室。', m),
    '',
    punct('  三、严格督查、强化问责。市政府政务督查室将适时开展跟踪督查，及时通报各项工作进展情况。', m),
    '',
    `  附${c}《${report}》`,
    '',
    `  ${year}年1月13日`,
    '',
    `                            ${report.replace(/〈|〉/g, (b) => (b === '〈' ? '《' : '》'))}`,
    '',
  ];
  return { lines, recipients };
}

/** Generates one notice; the same options always give the same text. */
export function syntheticNotice(opts: SyntheticOptions): SyntheticNotice {
  const seed = opts.seed ?? 1;
  const r = prng(seed);
  const m = opts.width === 'full' ? FULL : HALF;
  const city = opts.city ?? '江城';
  const collectives = opts.collectives ?? true;
  const pool = unitPool(opts.units ?? 300, seed, collectives);
  const byName = new Map(pool.map((u) => [u.name, u]));
  const year = int(r, 2010, 2020);
  const docNo = int(r, 1, 40);
  const head = cover(city, year, docNo, m);
  const lines = [...head.lines];
  const chapters: ExpectedNotice['chapters'] = [];
  const tasks: ExpectedTask[] = [];
  let no = 0;
  chapterSizes(opts.tasks, opts.perChapter ?? 4).forEach((size, ci) => {
    const cn = chineseNumeral(ci + 1);
    const title = CHAPTER_TITLES[ci % CHAPTER_TITLES.length]!;
    chapters.push({ no: cn, title });
    lines.push(`  ${cn}、${punct(title, m)}`, '');
    for (let k = 0; k < size; k++) {
      no++;
      const shape = opts.shape === 'mixed' ? pick(r, CLAUSE_SHAPES) : (opts.shape ?? 'inline');
      const units = chooseUnits(r, pool, collectives);
      const names = written(units);
      const text = taskText(r, m);
      const clause = clauseFor(r, shape, names, m);
      const line = lines.length + 1;
      lines.push(`  ${no}、${text.title}。${text.body}${clause.tail}`, ...clause.lines, '');
      tasks.push({
        no,
        label: String(no),
        chapter: cn,
        title: text.title,
        shape,
        units: units.map((u, i) => ({ raw: names[i]!, name: byName.get(u.name)!.name, role: clause.roles[i]! })),
        targets: text.targets,
        line,
      });
    }
  });
  return {
    text: `${lines.join('\n')}\n`,
    yaml: poolYaml(pool, city),
    pool,
    expected: {
      docNumber: `${city}政办发〔${year}〕${docNo}号`,
      year,
      signDate: `${year}-01-13`,
      planDeadline: `${year}-01-31`,
      planRecipient: '市政府政务督查室',
      recipients: head.recipients,
      requirements: 3,
      chapters,
      tasks,
    },
  };
}

/** Writes notice.txt and units.yaml into `dir` (created); returns their paths. */
export function writeSyntheticNotice(dir: string, opts: SyntheticOptions, name = 'notice'): { notice: string; units: string; generated: SyntheticNotice } {
  mkdirSync(dir, { recursive: true });
  const generated = syntheticNotice(opts);
  const notice = join(dir, `${name}.txt`);
  const units = join(dir, `${name}-units.yaml`);
  writeFileSync(notice, generated.text);
  writeFileSync(units, generated.yaml);
  return { notice, units, generated };
}
