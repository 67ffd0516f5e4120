/**
 * A hand-built Notice with eight real tasks of the reference notice (seeds/ezhou-2014-4.txt):
 * its chapters, texts, units with lead/support roles as the parser resolves them against
 * seeds/ezhou-units.yaml (first unit leads), targets and deadlines. Tasks keep their numbers in
 * the notice (1, 6, 9, 11, 12, 16, 19, 20), as a ledger of the whole notice would show them.
 * For tests of stages that work from a Notice without running the parser.
 */
import type { Chapter, Deadline, Notice, Role, Target, Task, UnitKind, UnitRef, UnitSummary } from '../../src/model/notice.js';
import { NOTICE_SCHEMA_VERSION } from '../../src/model/notice.js';

export const SEED_CHAPTERS: Chapter[] = [
  { no: '一', title: "大力解放思想，全面深化改革，激活发展内生动力", line: 26 },
  { no: '二', title: "坚持产城一体，加快新区开放开发，构建新型城镇化多点支撑格局", line: 38 },
  { no: '三', title: "实施创新驱动，加快转方式调结构，打造鄂州经济升级版", line: 46 },
  { no: '四', title: "强化工业支撑，实施重点产业倍增计划，做大经济发展“底盘”", line: 54 },
  { no: '五', title: "依靠制度创新，增添农村发展活力，推进城乡一体化", line: 62 },
  { no: '六', title: "突出品位提升，扎实开展“五城同创”，彰显现代城市特色", line: 74 },
  { no: '七', title: "建设生态文明，引领绿色发展，共建美丽鄂州", line: 82 },
  { no: '八', title: "加强社会建设，构筑民生保障体系，增进人民福祉", line: 90 },
  { no: '九', title: "加快政府自身建设", line: 100 },
];

/** Task texts as the seed prints them (half-width punctuation made full-width), unit clause removed. */
const TEXT: Record<number, { line: number; title: string; text: string }> = {
  1: {
    line: 28,
    title: "全面激发市场活力",
    text: "全面激发市场活力。建立公平开放透明的市场规则，推行负面清单管理模式，实行统一的市场准入制度。以“先照后证”为突破口，推进工商注册便利化，放开公司注册资本最低限额。改革市场监管体系，落实“预许可”制度，进一步向市场放权，启动全市统一的社会征信体系平台建设。",
  },
  6: {
    line: 40,
    title: "高标准编制新区规划",
    text: "高标准编制新区规划。按照每个新区的发展定位，高标准编制七个新区规划，按照“产城融合”理念，前瞻性开展新区总体规划、产业规划、控制性详规以及土地规划修编等工作，引领七个新区既错位互补，又独立成篇。强化规划的刚性约束，统一布局产业平台、基础设施、公共事业，坚持一张蓝图干到底。",
  },
  9: {
    line: 48,
    title: "培育发展新兴产业，加快形成新集群",
    text: "培育发展新兴产业，加快形成新集群。加强葛店开发区与东湖高新区产业对接，发展壮大生物医药、新能源、新材料、高端装备制造、电子信息等高新产业集群。建立完善以企业为主体、产学研相结合的技术创新体系，推动创新成果产业化。加快湖北科技企业加速器、梧桐湖创意产业园等创新平台建设，引进和培育一大批创新型企业落户孵化成长。力争高新技术产业增加值增长16%，占全市GDP比重达14.5%。",
  },
  11: {
    line: 52,
    title: "突破性发展生产性服务业，大力培育新增量",
    text: "突破性发展生产性服务业，大力培育新增量。加快发展现代物流、物联网、智慧产业、信息消费等生产性服务业，葛店电商基地今年完成3平方公里配套基础设施建设，争取再引进一批国内外知名电商企业总部和采购、运营、支付和数据中心落户，确保国家级“电子商务示范基地”获批。推进葛店中部物联网产业基地和智慧城市产业园建设。将三江港打造为粮食、食品等大宗商品集散地和货物周转枢纽港。引导金融市场规范发展，吸引外地金融机构到我市落户，鼓励民营资本投向金融行业，发展村镇银行。积极发展总部经济。开展第三次经济普查。实施中小商贸企业成长工程，力争全年新增限上企业40家。大力发展生态旅游业，力争全市旅游总收入突破50亿元。",
  },
  12: {
    line: 56,
    title: "围绕市场主体，扶优培“强”",
    text: "围绕市场主体，扶优培“强”。坚持一手抓现有产能的有效发挥，一手抓企业技术改造。支持和培育一批市场前景好、管理水平高、成长性强的民营企业。围绕现有支柱产业实施产业链“建链、补链、强链”战略，形成一批百亿级产业集群。研究差异化扶持措施，鼓励企业通过产能整合、资产整合和上下游合作等手段扩大规模，增强市场竞争力。建立和完善中小企业服务中心。支持有条件的企业在主板和创业板上市，开展融资租赁、股权融资、发债等形式募集发展资金，力争今年新增上市公司1家、新增规模以上企业50家。深入实施品牌强市战略，加快培育一批精品名牌，积极创建全国质量强市示范市。",
  },
  16: {
    line: 66,
    title: "构建新型农业经营体系",
    text: "构建新型农业经营体系。加强农田水利建设，严守耕地红线，确保粮食增产。加大土地流转力度，提高土地规模经营水平。引导和培育农业科技、气象减灾防灾、病虫害防治、市场营销等各类农民专业合作社和新型农业服务组织，力争新增农民专业合作社50家，全市70%以上的农户进入合作服务体系。加强农产品电子商务交易平台建设，力争50%以上农产品加工企业入驻。",
  },
  19: {
    line: 72,
    title: "大力建设“美丽乡村”",
    text: "大力建设“美丽乡村”。注重将传统村落、自然风貌、文化保护与生态旅游发展相结合，彰显地域特色。推进村庄环境整治，完善城乡垃圾清运机制，推进城乡一体污水处理体系建设，力争三年实现城乡污水、废弃物全收集、全处理。扎实抓好新一轮“三万”活动，促进农村经济社会稳定发展。",
  },
  20: {
    line: 76,
    title: "大力度推进基础设施建设",
    text: "大力度推进基础设施建设。重点推进吴楚大道、鄂州大道南互通、三国吴都风光带三期、葛山大道改造、吴都生态公园、凤凰大桥、重载车专用通道等工程建设；推进城东水厂前期工作，建成葛华水厂；加快老城区燃气管网建设。加快交通工程建设，推进主城区客运枢纽站工程，确保黄鄂高速建成通车，推进鄂咸高速公路前期工作，加快城乡客运公交化改造。开展葛山文化体育中心以及市群艺馆、公共图书馆、档案馆的新馆建设前期工作。建立多元可持续城市建设投融资机制，力争发行第二期城投债，确保全年完成基础设施投资80亿元。",
  },
};

/** Canonical names → kind and full name, as in seeds/ezhou-units.yaml. */
const DIRECTORY: Record<string, { kind: UnitKind; full: string | null; members?: string[] }> = {
  市工商局: { kind: 'department', full: '鄂州市工商行政管理局' },
  市法制办: { kind: 'department', full: '鄂州市人民政府法制办公室' },
  市商务局: { kind: 'department', full: '鄂州市商务局' },
  市发改委: { kind: 'department', full: '鄂州市发展和改革委员会' },
  市金融办: { kind: 'department', full: '鄂州市人民政府金融工作办公室' },
  人行: { kind: 'company', full: '中国人民银行鄂州市中心支行' },
  市规划局: { kind: 'department', full: '鄂州市城乡规划局' },
  市国土局: { kind: 'department', full: '鄂州市国土资源局' },
  市经信委: { kind: 'department', full: '鄂州市经济和信息化委员会' },
  市科技局: { kind: 'department', full: '鄂州市科学技术局' },
  市粮食局: { kind: 'department', full: '鄂州市粮食局' },
  市招商局: { kind: 'department', full: '鄂州市招商局' },
  市统计局: { kind: 'department', full: '鄂州市统计局' },
  市旅游局: { kind: 'department', full: '鄂州市旅游局' },
  市质监局: { kind: 'department', full: '鄂州市质量技术监督局' },
  市水务局: { kind: 'department', full: '鄂州市水务局' },
  市气象局: { kind: 'department', full: '鄂州市气象局' },
  市农委: { kind: 'department', full: '鄂州市农业委员会' },
  市统筹办: { kind: 'department', full: '鄂州市城乡一体化统筹办公室' },
  市住建委: { kind: 'department', full: '鄂州市住房和城乡建设委员会' },
  市城管局: { kind: 'department', full: '鄂州市城市管理局' },
  市环保局: { kind: 'department', full: '鄂州市环境保护局' },
  市交通运输局: { kind: 'department', full: '鄂州市交通运输局' },
  市文体局: { kind: 'department', full: '鄂州市文化体育局' },
  市档案局: { kind: 'department', full: '鄂州市档案局' },
  城投公司: { kind: 'company', full: '鄂州市城市建设投资有限公司' },
  各区: { kind: 'collective', full: null, members: ['鄂城区', '华容区', '梁子湖区'] },
  开发区: { kind: 'collective', full: null, members: ['葛店开发区', '鄂州开发区'] },
  各街办: { kind: 'collective', full: null, members: ['古楼街道', '凤凰街道', '西山街道'] },
};

/** [raw, canonical]; the first unit of a task leads, the rest support. */
type UnitPair = [raw: string, name: string];

function units(pairs: UnitPair[]): UnitRef[] {
  return pairs.map(([raw, name], i): UnitRef => ({ raw, name, role: (i === 0 ? 'lead' : 'support') as Role }));
}

function target(text: string, indicator: string, value: number, unit: string, qualifier: string | null = null): Target {
  return { text, indicator, value, unit, qualifier };
}

const THIS_YEAR: Deadline = { text: '今年', kind: 'year', date: '2014-12-31' };
const WHOLE_YEAR: Deadline = { text: '全年', kind: 'year', date: '2014-12-31' };

function task(no: number, chapter: string, unitPairs: UnitPair[], targets: Target[], deadlines: Deadline[]): Task {
  const t = TEXT[no]!;
  return {
    no,
    label: String(no),
    chapter,
    section: null,
    parent: null,
    title: t.title,
    text: t.text,
    units: units(unitPairs),
    targets,
    deadlines,
    keywords: [],
    line: t.line,
  };
}

export function sampleTasks(): Task[] {
  return [
    task(1, '一', [['市工商局', '市工商局'], ['法制办', '市法制办'], ['商务局', '市商务局'], ['发改委', '市发改委'], ['金融办', '市金融办'], ['人行', '人行']], [], []),
    task(6, '二', [['市发改委', '市发改委'], ['规划局', '市规划局'], ['国土局', '市国土局'], ['各区', '各区'], ['开发区', '开发区']], [], []),
    task(
      9,
      '三',
      [['市发改委', '市发改委'], ['经信委', '市经信委'], ['科技局', '市科技局'], ['各区', '各区'], ['开发区', '开发区']],
      [target('高新技术产业增加值增长16%', '高新技术产业增加值增长', 16, '%'), target('占全市GDP比重达14.5%', '占全市GDP比重', 14.5, '%')],
      [],
    ),
    task(
      11,
      '三',
      [
        ['市发改委', '市发改委'], ['商务局', '市商务局'], ['粮食局', '市粮食局'], ['招商局', '市招商局'], ['金融办', '市金融办'],
        ['统计局', '市统计局'], ['经信委', '市经信委'], ['旅游局', '市旅游局'], ['各区', '各区'], ['开发区', '开发区'], ['各街办', '各街办'],
      ],
      [
        target('完成3平方公里配套基础设施建设', '完成配套基础设施建设', 3, '平方公里'),
        target('新增限上企业40家', '新增限上企业', 40, '家'),
        target('旅游总收入突破50亿元', '旅游总收入', 50, '亿元', '突破'),
      ],
      [THIS_YEAR, WHOLE_YEAR],
    ),
    task(
      12,
      '四',
      [['市经信委', '市经信委'], ['发改委', '市发改委'], ['金融办', '市金融办'], ['质监局', '市质监局'], ['工商局', '市工商局']],
      [target('新增上市公司1家', '新增上市公司', 1, '家'), target('新增规模以上企业50家', '新增规模以上企业', 50, '家')],
      [THIS_YEAR],
    ),
    task(
      16,
      '五',
      [['市水务局', '市水务局'], ['国土局', '市国土局'], ['气象局', '市气象局'], ['农委', '市农委']],
      [
        target('新增农民专业合作社50家', '新增农民专业合作社', 50, '家'),
        target('70%以上的农户进入合作服务体系', '农户进入合作服务体系', 70, '%', '以上'),
        target('50%以上农产品加工企业入驻', '农产品加工企业入驻', 50, '%', '以上'),
      ],
      [],
    ),
    task(
      19,
      '五',
      [['市统筹办', '市统筹办'], ['发改委', '市发改委'], ['住建委', '市住建委'], ['城管局', '市城管局'], ['环保局', '市环保局'], ['水务局', '市水务局']],
      [],
      [{ text: '力争三年', kind: 'years', date: '2016-12-31' }],
    ),
    task(
      20,
      '六',
      [
        ['市住建委', '市住建委'], ['水务局', '市水务局'], ['发改委', '市发改委'], ['交通运输局', '市交通运输局'],
        ['文体局', '市文体局'], ['档案局', '市档案局'], ['城投公司', '城投公司'],
      ],
      [target('完成基础设施投资80亿元', '基础设施投资', 80, '亿元')],
      [WHOLE_YEAR],
    ),
  ];
}

/** Unit summaries derived from the tasks, in order of first appearance. */
export function summariesOf(tasks: readonly Task[]): UnitSummary[] {
  const byName = new Map<string, UnitSummary>();
  for (const t of tasks) {
    for (const u of t.units) {
      let s = byName.get(u.name);
      if (!s) {
        const d = DIRECTORY[u.name];
        s = { name: u.name, kind: d?.kind ?? 'unknown', fullName: d?.full ?? null, lead: [], support: [] };
        if (d?.members) s.members = [...d.members];
        byName.set(u.name, s);
      }
      const list = u.role === 'lead' ? s.lead : s.support;
      if (!list.includes(t.no)) list.push(t.no);
    }
  }
  return [...byName.values()];
}

export function sampleNotice(): Notice {
  const tasks = sampleTasks();
  return {
    schemaVersion: NOTICE_SCHEMA_VERSION,
    source: { file: 'seeds/ezhou-2014-4.txt', format: 'txt', encoding: 'utf-8' },
    meta: {
      title: '市人民政府办公室关于印发《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的通知',
      docNumber: '鄂州政办发〔2014〕4号',
      issuer: '鄂州市政府',
      publishDate: '2014-01-28',
      signDate: '2014-01-13',
      indexNo: '011217651/2014-27670',
      recipients: ['各区人民政府', '开发区管委会', '各街道办事处', '市政府各部门'],
      requirements: [
        { no: '一', title: '加强领导、明确目标', text: '各级政府、各部门要切实加强领导，明确目标任务。', line: 12 },
        { no: '二', title: '强化责任、狠抓落实', text: '各责任单位要围绕目标任务，制订详细工作实施方案，并于元月底前报送至市政府政务督查室。', line: 14 },
        { no: '三', title: '严格督查、强化问责', text: '认真抓好重点工作进度的督促检查。', line: 16 },
      ],
      attachmentTitle: '市七届人大四次会议《政府工作报告》主要工作任务分解落实意见',
    },
    planDeadline: '2014-01-31',
    planRecipient: '市政府政务督查室',
    chapters: SEED_CHAPTERS,
    tasks,
    units: summariesOf(tasks),
    diagnostics: [],
  };
}
