/**
 * A hand-built Notice for the progress tests: nine real tasks of the Ezhou 2014 notice
 * (seeds/ezhou-2014-4.txt) with their real units in canonical directory names, collectives
 * (各区, 开发区, 各街办) carrying their members as the unit directory expands them, and the
 * targets the text states. Also a synthetic notice of any size for the benchmarks.
 */
import type { Notice, Target, Task, UnitKind, UnitRef, UnitSummary } from '../../src/model/notice.js';
import { NOTICE_SCHEMA_VERSION } from '../../src/model/notice.js';

const COLLECTIVES: Record<string, string[]> = {
  各区: ['鄂城区', '华容区', '梁子湖区'],
  开发区: ['葛店开发区', '鄂州开发区'],
  各街办: ['古楼街道', '凤凰街道', '西山街道'],
};

const KINDS: Record<string, UnitKind> = {
  人行: 'company',
  供电公司: 'company',
  昌达公司: 'company',
  交投公司: 'company',
  城投公司: 'company',
  工贸公司: 'company',
  市妇联: 'other',
  鄂城区: 'district',
  华容区: 'district',
  梁子湖区: 'district',
  葛店开发区: 'development-zone',
  鄂州开发区: 'development-zone',
  古楼街道: 'sub-district',
  凤凰街道: 'sub-district',
  西山街道: 'sub-district',
  各区: 'collective',
  开发区: 'collective',
  各街办: 'collective',
};

function target(text: string, indicator: string, value: number, unit: string, qualifier: string | null = null): Target {
  return { text, indicator, value, unit, qualifier };
}

interface TaskSeed {
  no: number;
  chapter: string;
  title: string;
  text: string;
  /** As written in the clause, with the raw spelling where it differs: 法制办 → 市法制办. */
  units: [raw: string, name: string][];
  targets?: Target[];
  deadline?: string;
}

const SEEDS: TaskSeed[] = [
  {
    no: 1,
    chapter: '一',
    title: '全面激发市场活力',
    text: '建立公平开放透明的市场规则，推行负面清单管理模式，实行统一的市场准入制度。以“先照后证”为突破口，推进工商注册便利化，放开公司注册资本最低限额。',
    units: [['市工商局', '市工商局'], ['法制办', '市法制办'], ['商务局', '市商务局'], ['发改委', '市发改委'], ['金融办', '市金融办'], ['人行', '人行']],
  },
  {
    no: 7,
    chapter: '二',
    title: '大力建设基础设施',
    text: '根据新区规划和开发时序，合理确定年度工作计划和投资目标，大手笔、大力度推进新区基础设施建设。集中连片推进新区道路、水电气、通讯、污水处理等设施建设。',
    units: [
      ['市住建委', '市住建委'], ['水务局', '市水务局'], ['交通局', '市交通运输局'], ['供电公司', '供电公司'], ['房产局', '市房产局'],
      ['昌达公司', '昌达公司'], ['交投公司', '交投公司'], ['各区', '各区'], ['开发区', '开发区'],
    ],
  },
  {
    no: 9,
    chapter: '三',
    title: '培育发展新兴产业，加快形成新集群',
    text: '加强葛店开发区与东湖高新区产业对接，发展壮大生物医药、新能源、新材料、高端装备制造、电子信息等高新产业集群。力争高新技术产业增加值增长16%，占全市GDP比重达14.5%。',
    units: [['市发改委', '市发改委'], ['经信委', '市经信委'], ['科技局', '市科技局'], ['各区', '各区'], ['开发区', '开发区']],
    targets: [
      target('高新技术产业增加值增长16%', '高新技术产业增加值增长', 16, '%'),
      target('占全市GDP比重达14.5%', '高新技术产业增加值占全市GDP比重', 14.5, '%'),
    ],
  },
  {
    no: 11,
    chapter: '三',
    title: '突破性发展生产性服务业，大力培育新增量',
    text: '葛店电商基地今年完成3平方公里配套基础设施建设。实施中小商贸企业成长工程，力争全年新增限上企业40家。大力发展生态旅游业，力争全市旅游总收入突破50亿元。',
    units: [
      ['市发改委', '市发改委'], ['商务局', '市商务局'], ['粮食局', '市粮食局'], ['招商局', '市招商局'], ['金融办', '市金融办'],
      ['统计局', '市统计局'], ['经信委', '市经信委'], ['旅游局', '市旅游局'], ['各区', '各区'], ['开发区', '开发区'], ['各街办', '各街办'],
    ],
    targets: [
      target('完成3平方公里配套基础设施建设', '电商基地配套基础设施建设', 3, '平方公里'),
      target('新增限上企业40家', '新增限上企业', 40, '家'),
      target('旅游总收入突破50亿元', '旅游总收入', 50, '亿元', '突破'),
    ],
    deadline: '2014-12-31',
  },
  {
    no: 16,
    chapter: '五',
    title: '构建新型农业经营体系',
    text: '加强农田水利建设，严守耕地红线，确保粮食增产。力争新增农民专业合作社50家，全市70%以上的农户进入合作服务体系。',
    units: [['市水务局', '市水务局'], ['国土局', '市国土局'], ['气象局', '市气象局'], ['农委', '市农委']],
    targets: [
      target('新增农民专业合作社50家', '新增农民专业合作社', 50, '家'),
      target('70%以上的农户进入合作服务体系', '农户进入合作服务体系比例', 70, '%', '以上'),
    ],
  },
  {
    no: 20,
    chapter: '六',
    title: '大力度推进基础设施建设',
    text: '重点推进吴楚大道、鄂州大道南互通等工程建设；确保黄鄂高速建成通车。力争发行第二期城投债，确保全年完成基础设施投资80亿元。',
    units: [
      ['市住建委', '市住建委'], ['水务局', '市水务局'], ['发改委', '市发改委'], ['交通运输局', '市交通运输局'], ['文体局', '市文体局'],
      ['档案局', '市档案局'], ['城投公司', '城投公司'],
    ],
    targets: [target('完成基础设施投资80亿元', '基础设施投资', 80, '亿元')],
    deadline: '2014-12-31',
  },
  {
    no: 26,
    chapter: '八',
    title: '健全促进就业创业体制机制',
    text: '完善城乡均等的公共就业创业服务体系，实施就业培训、就业援助和创业扶持工程，鼓励全民创业，确保全年新增就业1.8万人。',
    units: [['市人社局', '市人社局'], ['地税局', '市地税局'], ['工贸公司', '工贸公司']],
    targets: [target('新增就业1.8万人', '新增就业', 1.8, '万人')],
    deadline: '2014-12-31',
  },
  {
    no: 27,
    chapter: '八',
    title: '建立更加公平可持续的社会保障制度',
    text: '进一步扩大社会保障范围，加快推进社会保障“一卡通”建设。加强保障性住房建设和管理，新建保障性住房6300套，缓解困难群众住房需求。',
    units: [
      ['市人社局', '市人社局'], ['民政局', '市民政局'], ['房产局', '市房产局'], ['住房公积金办', '市住房公积金办'], ['妇联', '市妇联'],
      ['老龄办', '市老龄办'],
    ],
    targets: [target('新建保障性住房6300套', '新建保障性住房', 6300, '套')],
  },
  {
    no: 34,
    chapter: '九',
    title: '着力加强廉政建设',
    text: '认真贯彻中央八项规定和省委“六条意见”，严格执行《党政机关厉行节约反对浪费条例》，降低行政运行成本。严肃查处各类违纪违法案件。',
    units: [['市监察局', '市监察局']],
  },
];

const CHAPTERS = [
  { no: '一', title: '大力解放思想，全面深化改革，激活发展内生动力', line: 22 },
  { no: '二', title: '坚持产城一体，加快新区开放开发，构建新型城镇化多点支撑格局', line: 34 },
  { no: '三', title: '实施创新驱动，加快转方式调结构，打造鄂州经济升级版', line: 42 },
  { no: '五', title: '依靠制度创新，增添农村发展活力，推进城乡一体化', line: 58 },
  { no: '六', title: '突出品位提升，扎实开展“五城同创”，彰显现代城市特色', line: 70 },
  { no: '八', title: '加强社会建设，构筑民生保障体系，增进人民福祉', line: 88 },
  { no: '九', title: '加快政府自身建设', line: 100 },
];

function toTask(s: TaskSeed, i: number): Task {
  const units: UnitRef[] = s.units.map(([raw, name], k) => ({ raw, name, role: k === 0 ? 'lead' : 'support' }));
  return {
    no: s.no,
    label: String(s.no),
    chapter: s.chapter,
    section: null,
    parent: null,
    title: s.title,
    text: s.text,
    units,
    targets: s.targets ?? [],
    deadlines: s.deadline ? [{ text: '今年', kind: 'year', date: s.deadline }] : [],
    keywords: [],
    line: 24 + i * 2,
  };
}

/** Unit summaries as the parser gives them: collectives with members, members listed too. */
export function summariseUnits(tasks: readonly Task[]): UnitSummary[] {
  const byName = new Map<string, UnitSummary>();
  const touch = (name: string) => {
    let u = byName.get(name);
    if (!u) {
      u = { name, kind: KINDS[name] ?? 'department', fullName: null, lead: [], support: [] };
      if (COLLECTIVES[name]) u.members = [...COLLECTIVES[name]!];
      byName.set(name, u);
    }
    return u;
  };
  for (const t of tasks) {
    for (const ref of t.units) {
      const names = [ref.name, ...(COLLECTIVES[ref.name] ?? [])];
      for (const n of names) (ref.role === 'lead' ? touch(n).lead : touch(n).support).push(t.no);
    }
  }
  return [...byName.values()];
}

export function fixtureNotice(): Notice {
  const tasks = SEEDS.map(toTask);
  return {
    schemaVersion: NOTICE_SCHEMA_VERSION,
    source: { file: 'seeds/ezhou-2014-4.txt', format: 'txt', encoding: 'UTF-8' },
    meta: {
      title: '市人民政府办公室关于印发《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的通知',
      docNumber: '鄂州政办发〔2014〕4号',
      issuer: '鄂州市政府',
      publishDate: '2014-01-28',
      signDate: '2014-01-13',
      indexNo: '011217651/2014-27670',
      recipients: ['各区人民政府', '开发区管委会', '各街道办事处', '市政府各部门'],
      requirements: [],
      attachmentTitle: '市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见',
    },
    planDeadline: '2014-01-31',
    planRecipient: '市政府政务督查室',
    chapters: CHAPTERS,
    tasks,
    units: summariseUnits(tasks),
    diagnostics: [],
  };
}

/** Units that hold at least one task in the fixture, collectives expanded. */
export const FIXTURE_TASK_NOS = SEEDS.map((s) => s.no);

/**
 * A synthetic notice for load tests: `taskCount` tasks spread over `unitCount` units, each task
 * led by one unit and supported by `supportPerTask` others, a third of the tasks with a target.
 */
export function syntheticNotice(taskCount: number, unitCount: number, supportPerTask = 2, docNumber = '测试政办发〔2014〕1号'): Notice {
  const unitName = (i: number) => `测试单位${String(i + 1).padStart(3, '0')}`;
  const tasks: Task[] = [];
  for (let i = 0; i < taskCount; i++) {
    const no = i + 1;
    const units: UnitRef[] = [];
    for (let k = 0; k <= supportPerTask; k++) {
      const name = unitName((i * 7 + k * 13) % unitCount);
      if (!units.some((u) => u.name === name)) units.push({ raw: name, name, role: k === 0 ? 'lead' : 'support' });
    }
    tasks.push({
      no,
      label: String(no),
      chapter: ['一', '二', '三', '四', '五'][i % 5]!,
      section: null,
      parent: null,
      title: `第${no}项测试任务`,
      text: `推进第${no}项重点工作，确保按期完成。`,
      units,
      targets: i % 3 === 0 ? [target(`完成投资${no}亿元`, '完成投资', no, '亿元')] : [],
      deadlines: [],
      keywords: [],
      line: no,
    });
  }
  return {
    ...fixtureNotice(),
    source: { file: 'synthetic.txt', format: 'txt', encoding: 'UTF-8' },
    meta: { ...fixtureNotice().meta, docNumber, title: '测试通知' },
    chapters: ['一', '二', '三', '四', '五'].map((no, i) => ({ no, title: `第${no}部分`, line: i })),
    tasks,
    units: summariseUnits(tasks),
  };
}

/** Loads an .xlsx, lets `edit` change its sheets, and saves it under `to`. */
export async function editWorkbook(
  from: string,
  to: string,
  edit: (form: import('exceljs').Worksheet, meta: import('exceljs').Worksheet | undefined) => void,
): Promise<string> {
  const { default: ExcelJS } = await import('exceljs');
  const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(from) as unknown as import('exceljs').Buffer);
  edit(wb.getWorksheet('反馈表') ?? wb.worksheets[0]!, wb.getWorksheet('元数据'));
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, Buffer.from(await wb.xlsx.writeBuffer()));
  return to;
}

/**
 * The 市发改委 form of the fixture notice filled in plausibly (rows 6, 7, 9, 12 hold its tasks,
 * G7 and G8 its target values), then `edit` to spoil or change it.
 */
export function fillFgwForm(edit: Parameters<typeof editWorkbook>[2] = () => {}): Parameters<typeof editWorkbook>[2] {
  return (ws, meta) => {
    for (const row of [6, 7, 9, 12]) {
      ws.getCell(`E${row}`).value = '推进中';
      ws.getCell(`F${row}`).value = 30;
      ws.getCell(`H${row}`).value = '已制定实施方案';
      ws.getCell(`M${row}`).value = new Date(Date.UTC(2014, 3, 3));
    }
    ws.getCell('G7').value = 4.2;
    ws.getCell('G8').value = 13.1;
    edit(ws, meta);
  };
}

export interface CsvRow {
  taskNo: number;
  status: '未启动' | '推进中' | '已完成' | '滞后';
  percent: number;
  progress?: string;
  delayReason?: string;
  date?: string;
  actual?: number;
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A filled form as CSV, header block included (as Excel saves the form sheet). */
export function formCsv(noticeKey: string, unit: string, period: string, rows: readonly CsvRow[]): string {
  const lines = [
    `通知：${noticeKey}`,
    `填报单位：${unit},,,,报送期：${period}`,
    '任务序号,状态,完成进度(%),指标完成值,进展情况,滞后原因,填报日期',
    ...rows.map((r) =>
      [String(r.taskNo), r.status, String(r.percent), r.actual === undefined ? '' : String(r.actual), r.progress ?? '', r.delayReason ?? '', r.date ?? '']
        .map(csvField)
        .join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
