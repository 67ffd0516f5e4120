/**
 * A realistic 交办函 in duban's markup, using every element, with task texts from the reference
 * notice (half-width punctuation included, as the seed has it). Shared by the markup, layout and
 * PDF tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEED = fileURLToPath(new URL('../../seeds/ezhou-2014-4.txt', import.meta.url));

export function seedTasks(): string[] {
  return readFileSync(SEED, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/\u00a0/g, ' ').trim())
    .filter((l) => /^\d+、/.test(l));
}

export function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function sampleMarkup(profile: 'letter' | 'file' = 'letter', taskCount = 14): string {
  const tasks = seedTasks().slice(0, taskCount);
  const body = tasks
    .map((t, i) => {
      const m = /^(\d+)、(.+?。)(.*)$/.exec(t)!;
      const text = escapeMarkup(m[3]!);
      if (i % 5 === 0) return `  <h3>${m[1]}.${escapeMarkup(m[2]!)}${text}</h3>`;
      if (i % 5 === 1) return `  <p><b>${m[1]}.${escapeMarkup(m[2]!)}</b>\n     ${text}</p>`;
      return `  <p>${escapeMarkup(t)}</p>`;
    })
    .join('\n');
  return `<!-- 交办函样例 -->
<doc profile="${profile}" title="关于交办《政府工作报告》主要工作任务的函" author="鄂州市人民政府办公室" date="2014-01-13">
  <masthead>鄂州市人民政府办公室</masthead>
  <docno>鄂州政办函〔2014〕4号</docno>
  <title>市人民政府办公室关于交办《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》的函</title>
  <to>市发改委, 市经信委</to>
  <p>根据《市七届人大四次会议〈政府工作报告〉主要工作任务分解落实意见》(鄂州政办发〔2014〕4号),
     现将你单位牵头负责的工作任务交办如下。全市生产总值增长14.5%,三次产业结构调整为1.8:1,
     请认真抓好落实。</p>
  <h1>一、加强领导、明确目标。各级政府、各部门要切实加强领导，明确目标任务，充分发挥主动性、积极性和创造性。</h1>
  <p><hei>二、强化责任、狠抓落实。</hei>各责任单位要围绕目标任务，按照“定目标、定责任、定时限、定标准、定措施”的原则，制订详细工作实施方案。</p>
  <h2>（一）大力解放思想，全面深化改革</h2>
${body}
  <h4>（1）<kai>工作要求</kai></h4>
  <p indent="0" align="center">——以上任务请于每月25日前报送进展情况——</p>
  <blank lines="1"/>
  <table widths="1,5,3" size="12">
    <thead><tr><td>序号</td><td>任务</td><td>责任单位</td></tr></thead>
    <tbody>
${tasks
  .slice(0, 5)
  .map((t, i) => `      <tr><td align="center">${i + 1}</td><td>${escapeMarkup(t.slice(0, 70))}</td><td>市发改委、市财政局</td></tr>`)
  .join('\n')}
      <tr><td colspan="2" align="center">合计</td><td>5项</td></tr>
    </tbody>
  </table>
  <chart type="bar" title="各单位任务完成率" unit="%">
    <datum label="市发改委" value="92.5"/>
    <datum label="市经信委" value="80"/>
    <datum label="市住建委" value="45"/>
  </chart>
  <chart type="pie" title="任务进展状态" unit="项">
    <datum label="已完成" value="12"/>
    <datum label="推进中" value="18"/>
    <datum label="滞后" value="4"/>
  </chart>
  <attachments>
    <item>任务清单</item>
    <item>进展情况反馈表</item>
  </attachments>
  <signature organ="鄂州市人民政府办公室" date="2014-01-13"/>
  <pagebreak/>
  <annex>附件1</annex>
  <title>任务清单</title>
  <p>见台账 &amp; 反馈表 &lt;电子版&gt; &#x2014;&#x2014;详见附表。</p>
  <imprint cc="市委办公室, 市人大常委会办公室" printer="鄂州市人民政府办公室" date="2014-01-13"/>
</doc>
`;
}
