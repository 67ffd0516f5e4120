import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/notice.js';
import { readSourceBytes } from '../../src/read/index.js';
import { emptyUnitDirectory } from '../../src/units/index.js';
import type { Notice } from '../../src/model/notice.js';

/**
 * Unit-clause shapes met in real notices beyond the corpus, each in a small notice of its own:
 * the parser must read them by what they are, not by where a known file put them.
 */
async function parse(text: string, name = 'shape.txt'): Promise<Notice> {
  const source = await readSourceBytes(name, new TextEncoder().encode(text));
  return parseSource(source, emptyUnitDirectory());
}

const roles = (n: Notice) => n.tasks.map((t) => `${t.label}: ${t.units.map((u) => `${u.raw}${u.role === 'lead' ? '*' : ''}`).join(' ')}`);

const HEAD = '某市人民政府办公室关于印发2024年政府工作报告重点工作任务分解方案的通知\n某政办发〔2024〕3号\n';

describe('unit clauses wherever they stand', () => {
  it('a labelled list closing the paragraph, with no brackets; a lone 主办 list is joint leads', async () => {
    const n = await parse(`${HEAD}一、生态环境\n1.加强饮用水源保护，确保水质稳定达标。主办单位：市水务局、环保局、南水北调办、治淮办。\n2.推进大气污染防治。主办单位：市环保局；协办单位：市住建局、市交通局。\n`);
    expect(roles(n)).toEqual(['1: 市水务局* 环保局* 南水北调办* 治淮办*', '2: 市环保局* 市住建局 市交通局']);
    expect(n.tasks[0]!.text).toBe('加强饮用水源保护，确保水质稳定达标。');
  });

  it('two labelled lists inline on the task line; 责任 after 牵头 supports', async () => {
    const n = await parse(`${HEAD}1.地区生产总值增长6%以上。牵头单位：市发改委；责任单位：各县（市）区政府\n2.财政收入增长5%。牵头单位:市财政局;责任单位:市税务局、各县（市）区政府\n`);
    expect(roles(n)).toEqual(['1: 市发改委* 各县（市）区政府', '2: 市财政局* 市税务局 各县（市）区政府']);
  });

  it('labels written by their parts: 牵头责任单位, 主责部门, 协同单位, with leaders as persons', async () => {
    const n = await parse(`${HEAD}1.建设智慧城市大脑。（分管领导：张三、李四；主责部门：市大数据局；协同单位：市公安局、市财政局）\n2.推进老旧小区改造。\n牵头责任单位：市住建局\n配合单位：各区政府\n`);
    expect(roles(n)).toEqual(['1: 市大数据局* 市公安局 市财政局', '2: 市住建局* 各区政府']);
  });

  it('units named inside the prose after a leader, the sentence going on', async () => {
    const n = await parse(`${HEAD}1.实施城区黑臭水体整治，由王五副市长负责，市环保局牵头，相关部门配合，细化分工、落实责任，尽快完成整治任务。\n2.加快棚户区改造，由市住建局负责，各区政府配合，年内完成3000户。\n`);
    expect(roles(n)).toEqual(['1: 市环保局* 相关部门', '2: 市住建局* 各区政府']);
  });

  it('ordinary prose with role words names nobody, and the task still comes out', async () => {
    const n = await parse(`${HEAD}1.加快推进重点项目建设，切实抓好落实。\n2.深化改革，主动作为，扎实推进。（责任单位：市发改委）\n`);
    expect(roles(n)).toEqual(['1: ', '2: 市发改委*']);
    expect(n.diagnostics.map((d) => d.code)).toContain('task.no-units');
  });

  it('HTML paragraphs with no line breaks between them', async () => {
    const html = `<html><head><meta charset="utf-8"><title>通知</title></head><body><div class="content"><p>　　${HEAD.replace(/\n/g, '</p><p>')}</p><p>　　1.推进数字政府建设。（牵头单位：市政务服务局，配合单位：市大数据局）</p><p>　　2.优化营商环境。（牵头单位：市发改委，配合单位：市市场监管局、市税务局）</p><p>　　3.稳定粮食生产。（牵头单位：市农业农村局）</p></div></body></html>`;
    const n = await parse(html, 'page.html');
    expect(roles(n)).toEqual(['1: 市政务服务局* 市大数据局', '2: 市发改委* 市市场监管局 市税务局', '3: 市农业农村局*']);
  });

  it('a task number followed by digits (11.121人才梯队项目) keeps its number', async () => {
    const n = await parse(`${HEAD}10.青年人才项目。（牵头单位：市人社局）\n11.121人才梯队项目。（牵头单位：市委组织部）\n12.博士后项目。（牵头单位：市人社局）\n`);
    expect(n.tasks.map((t) => t.label)).toEqual(['10', '11', '12']);
    expect(n.tasks[1]!.text).toBe('121人才梯队项目。');
    expect(n.diagnostics.map((d) => d.code)).not.toContain('numbering.unreadable');
  });
});

describe('tables', () => {
  it('a table flattened one cell per line, empty cells as blank lines, a header split over two lines', async () => {
    const text = [
      HEAD,
      '序号', '工作任务', '分管', '领导', '牵头单位', '配合单位', '备注',
      '一、稳增长',
      '1', '地区生产总值增长6%。', '张三', '市发改委', '市统计局、各区政府', '',
      '2', '固定资产投资增长8%。', '张三', '市发改委', '', '季度调度',
      '二、惠民生',
      '3', '新增城镇就业2万人。', '李四', '市人社局', '各区政府', '',
    ].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市发改委* 市统计局 各区政府', '2: 市发改委*', '3: 市人社局* 各区政府']);
    expect(n.tasks.map((t) => t.chapter)).toEqual(['一', '一', '二']);
    expect(n.tasks[0]!.text).toBe('地区生产总值增长6%。');
  });

  it('a one-cell-per-line table with unnumbered chapter rows and a row of more lines than columns', async () => {
    const text = [
      HEAD,
      '序号', '目标任务', '牵头单位', '责任单位',
      '稳增长',
      '1', '地区生产总值增长6%。', '市发改委', '各区政府',
      '惠民生',
      '2', '新增城镇就业2万人。', '', '力争完成全年任务。', '市人社局', '各区政府、市财政局',
    ].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市发改委* 各区政府', '2: 市人社局* 各区政府 市财政局']);
    expect(n.chapters.map((c) => c.title)).toEqual(['稳增长', '惠民生']);
  });

  it('a pipe table whose progress column holds its own numbered lines', async () => {
    const text = [
      HEAD,
      '序号 | 工作任务 | 牵头单位 | 配合单位 | 进展情况 |',
      '1 | 建成区域医疗中心。 | 市卫健委 | 市发改委 | 1.已完成选址',
      '2.正在编制方案 |',
      '2 | 新建学校5所。 | 市教育局 | 市住建局 | 1.三所开工 |',
    ].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市卫健委* 市发改委', '2: 市教育局* 市住建局']);
  });

  it('a table of space-separated columns with a lead and a support column', async () => {
    const text = [HEAD, '序号 工作任务 牵头单位 配合单位', '1 推进高标准农田建设 市农业农村局 市财政局、市水利局', '2 实施乡村振兴示范工程 市农业农村局 各区政府'].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市农业农村局* 市财政局 市水利局', '2: 市农业农村局* 各区政府']);
  });
});

describe('more placements', () => {
  it('a clause in square brackets, closing or opening the text', async () => {
    const n = await parse(`${HEAD}1.推进数字政府建设。【牵头单位：市政务服务局；配合单位：市大数据局】\n2.【牵头单位：市发改委】优化营商环境，压减审批时限。\n3.（市农业农村局牵头，市水利局配合）稳定粮食生产。\n`);
    expect(roles(n)).toEqual(['1: 市政务服务局* 市大数据局', '2: 市发改委*', '3: 市农业农村局* 市水利局']);
    expect(n.tasks[1]!.text).toBe('优化营商环境，压减审批时限。');
  });

  it('a role sentence on its own line after the task', async () => {
    const n = await parse(`${HEAD}1.实施城市更新行动，改造老旧小区50个。\n市住建局牵头，各区政府、市财政局配合。\n2.推进全民健身。\n市体育局负责。\n`);
    expect(roles(n)).toEqual(['1: 市住建局* 各区政府 市财政局', '2: 市体育局*']);
  });

  it('a one-line header over one-cell-per-line rows, with 牵头 / 单位 split', async () => {
    const text = [HEAD, '序号 工作任务 牵头 单位 配合单位', '1', '建设5G基站1000个。', '市工信局', '市通信管理办', '2', '新增高新技术企业50家。', '市科技局', ''].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市工信局* 市通信管理办', '2: 市科技局*']);
  });

  it('a labelled clause with a time limit field: the limit is a deadline, not a unit', async () => {
    const n = await parse(`${HEAD}1.完成国土空间总体规划编制。责任单位：市自然资源局；完成时限：2024年6月底\n`);
    expect(roles(n)).toEqual(['1: 市自然资源局*']);
    expect(n.tasks[0]!.deadlines.map((d) => d.text)).toContain('2024年6月底');
  });
});

describe('roles marked on the unit', () => {
  it('市发改委（牵头）in a 责任单位 list leads, the others support; 责任主体 is a unit label', async () => {
    const n = await parse(`${HEAD}1.推进新型工业化。（责任单位：市工信局、市发改委（牵头）、市科技局）\n2.建设现代物流体系。责任主体：市商务局、市交通局\n`);
    expect(roles(n)).toEqual(['1: 市工信局 市发改委* 市科技局', '2: 市商务局* 市交通局']);
  });
});

describe('what a unit list leaves out', () => {
  it('how units share the work and an empty list written 无 are not units', async () => {
    const n = await parse(`${HEAD}1.推进营商环境改革。（牵头单位：市发改委；配合单位：各相关部门按职责分工负责）\n2.完成年度植树任务。（牵头单位：市林业局；配合单位：无）\n`);
    expect(roles(n)).toEqual(['1: 市发改委* 各相关部门', '2: 市林业局*']);
  });
});

describe('one-cell-per-line tables, harder', () => {
  it('a header over two lines of words, a task cell wrapped over two lines, a leader column', async () => {
    const text = [
      HEAD,
      '序号 工作任务 分管',
      '领导 牵头单位 配合单位',
      '1', '推进城市更新，', '改造老旧小区50个。', '王五副市长', '市住建局', '各区政府',
      '2', '新建公园10个。', '赵六', '市园林局', '',
    ].join('\n');
    const n = await parse(text);
    expect(roles(n)).toEqual(['1: 市住建局* 各区政府', '2: 市园林局*']);
    expect(n.tasks[0]!.text).toBe('推进城市更新，改造老旧小区50个。');
  });
});
