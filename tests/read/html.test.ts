import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { isFurnitureLine, stripInlineFurniture } from '../../src/read/furniture.js';
import { readSource } from '../../src/read/index.js';
import { nonEmpty, SEED, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.done);
const save = (name: string, data: string | Uint8Array): string => {
  const p = join(tmp.dir, name);
  writeFileSync(p, data);
  return p;
};

const TASKS = Array.from({ length: 12 }, (_, i) => `${i + 1}、推进第${i + 1}项重点工作，确保按期完成各项年度目标任务并定期报送进展情况。（责任单位：市发改委、财政局）`);

/** An old table-layout page whose class names say nothing (a1, c2, x9 …). */
function namelessPage(): string {
  const links = ['首页', '政务公开', '新闻动态', '办事服务', '互动交流', '专题专栏', '领导之窗', '走进本市']
    .map((t) => `<a href="/c/${encodeURIComponent(t)}">${t}</a>`)
    .join('&nbsp;|&nbsp;');
  const left = ['政府文件', '部门文件', '人事任免', '规划计划', '财政资金', '统计数据', '应急管理', '招标采购']
    .map((t) => `<tr><td class="q${t.length}"><a href="/l/${encodeURIComponent(t)}">${t}</a></td></tr>`)
    .join('\n');
  return `<HTML><HEAD><META http-equiv="Content-Type" content="text/html; charset=gb2312">
<TITLE>关于做好2015年重点工作任务分解落实的通知 - 某某市人民政府</TITLE></HEAD>
<BODY>
<TABLE class="t1" width="980"><TR><TD class="a1">${links}</TD></TR></TABLE>
<TABLE class="t2" width="980"><TR>
<TD class="c1" width="200" valign="top"><TABLE>${left}</TABLE></TD>
<TD class="c2" valign="top">
  <TABLE width="100%">
  <TR><TD class="x9" align="center"><FONT size="5"><B>关于做好2015年重点工作任务分解落实的通知</B></FONT></TD></TR>
  <TR><TD class="x2" align="center">发文字号：某政发〔2015〕3号&nbsp;&nbsp;&nbsp;发布日期：2015-02-10</TD></TR>
  <TR><TD class="x3">
    <P>各县（市、区）人民政府，市政府各部门：</P>
    <P>&nbsp;&nbsp;&nbsp;&nbsp;现将2015年重点工作任务分解如下，请认真贯彻落实。</P>
    <P>${TASKS.slice(0, 6).join('<BR>\n')}</P>
    ${TASKS.slice(6).map((t) => `<P>${t}`).join('\n')}
    <P align="right">某某市人民政府<BR>2015年2月9日</P>
  </TD></TR>
  <TR><TD class="x4" align="center">【<A href="javascript:window.print()">打印本页</A>】&nbsp;【<A href="javascript:window.close()">关闭窗口</A>】</TD></TR>
  </TABLE>
</TD></TR></TABLE>
<TABLE class="t3"><TR><TD>版权所有 &copy; 某某市人民政府办公室&nbsp;&nbsp;地址：人民路1号&nbsp;&nbsp;电话：0000-1234567</TD></TR></TABLE>
</BODY></HTML>`;
}

describe('HTML reader', () => {
  it('finds title, metadata and body on a table-layout page without meaningful names', async () => {
    const file = save('nameless.htm', iconv.encode(namelessPage(), 'gbk'));
    const s = await readSource(file);
    expect(s.format).toBe('html');
    expect(s.encoding).toBe('GB18030');
    const lines = nonEmpty(s.lines);
    expect(lines[0]).toBe('关于做好2015年重点工作任务分解落实的通知');
    expect(lines).toContain('发文字号：某政发〔2015〕3号   发布日期：2015-02-10');
    expect(lines).toContain('各县（市、区）人民政府，市政府各部门：');
    expect(lines.filter((l) => /^\d+、/.test(l))).toEqual(TASKS);
    expect(lines.slice(-2)).toEqual(['某某市人民政府', '2015年2月9日']);
    for (const junk of ['首页', '政务公开', '政府文件', '招标采购', '打印', '关闭', '版权', '电话']) {
      expect(lines.filter((l) => l.includes(junk)), junk).toEqual([]);
    }
    // The title appears once, not once from <title> and again from the page.
    expect(lines.filter((l) => l === lines[0])).toHaveLength(1);
  });

  it('reads data tables row by row and layout tables cell by cell', async () => {
    const html = `<!doctype html><html><body><div class="content">
      <p>附件：任务分解表</p>
      <table border="1">
        <tr><th>序号</th><th>工作任务</th><th>责任单位</th><th>完成时限</th></tr>
        <tr><td>1</td><td>全面激发市场活力<br>推行负面清单管理模式</td><td>市工商局</td><td>2014年6月底前</td></tr>
        <tr><td>2</td><td>深化行政审批制度改革</td><td></td><td>2014年底前</td></tr>
      </table>
      <table><tr><td><table><tr><td>嵌套表格中的文字</td></tr></table></td><td><p>第一段落的内容文字</p><p>第二段落的内容文字</p></td></tr></table>
      <pre>预排版
  第二行</pre>
    </div></body></html>`;
    const s = await readSource(save('table.html', html));
    expect(nonEmpty(s.lines)).toEqual([
      '附件：任务分解表',
      '序号 | 工作任务 | 责任单位 | 完成时限',
      '1 | 全面激发市场活力 推行负面清单管理模式 | 市工商局 | 2014年6月底前',
      '2 | 深化行政审批制度改革 |  | 2014年底前',
      '嵌套表格中的文字',
      '第一段落的内容文字',
      '第二段落的内容文字',
      '预排版',
      '第二行',
    ]);
  });

  it('survives pathological nesting and unclosed tags', async () => {
    const deep = '<html><body>' + '<div><font>'.repeat(4000) + '深层文字内容，确保不会栈溢出。' + '<p>未闭合段落一<p>未闭合段落二';
    const s = await readSource(save('deep.html', deep));
    expect(nonEmpty(s.lines)).toEqual(['深层文字内容，确保不会栈溢出。', '未闭合段落一', '未闭合段落二']);
  });

  it('joins source line breaks between Chinese characters and decodes entities', async () => {
    const html = '<html><body><div><p>市人民政府\n    办公室&nbsp;关于&lt;印发&gt;&amp;落实的&#36890;&#x77E5;</p><p>English\ntext here</p></div></body></html>';
    const s = await readSource(save('breaks.html', html));
    expect(nonEmpty(s.lines)).toEqual(['市人民政府办公室 关于<印发>&落实的通知', 'English text here']);
  });

  it('sniffs content, not extensions', async () => {
    const asTxt = await readSource(save('page.txt', '<!DOCTYPE html><html><body><p>网页正文内容</p></body></html>'));
    expect(asTxt.format).toBe('html');
    const asHtml = await readSource(save('plain.html', readFileSync(SEED)));
    expect(asHtml.format).toBe('txt');
  });

  it('falls back to <title> when the page has no heading', async () => {
    const html = '<html><head><title>某市关于加强督查工作的通知_某市政府网</title></head><body><div><p>正文第一段的文字内容。</p></div></body></html>';
    const s = await readSource(save('notitle.html', html));
    expect(nonEmpty(s.lines)).toEqual(['某市关于加强督查工作的通知', '正文第一段的文字内容。']);
  });
});

describe('furniture lines', () => {
  it.each([
    '扫一扫在手机上查看当前页面',
    '【打印】【关闭】',
    '[ 打印本页 ] [ 关闭窗口 ]',
    '【字体：大 中 小】',
    '字号：大 中 小 默认',
    '分享到：微信 微博 QQ空间',
    '上一篇：关于印发某某的通知',
    '下一篇：无',
    '返回顶部',
    '当前位置：首页 > 政务公开 > 文件',
    '您现在的位置：首页 > 通知公告',
    '首页 > 专题中心 > 政务公开',
    '您是第1234567位访问者',
    '浏览次数：3562',
    '版权所有：某某市人民政府 主办：某某市人民政府办公室',
    '网站标识码：4207000001 鄂ICP备05003340号',
  ])('drops %s', (line) => {
    expect(isFurnitureLine(line)).toBe(true);
  });

  it('keeps every line of the seed notice but its QR-code caption', () => {
    const lines = readFileSync(SEED, 'utf8').split('\n');
    expect(lines.filter(isFurnitureLine)).toEqual(['扫一扫在手机上查看当前页面']);
  });

  it('strips bracketed buttons from a line with real text', () => {
    expect(stripInlineFurniture('发布日期：2014-01-28 来源：市政府办 【字体：大 中 小】【打印】')).toBe('发布日期：2014-01-28 来源：市政府办 ');
    expect(stripInlineFurniture('【责任单位：市监察局】')).toBe('【责任单位：市监察局】');
  });
});

describe('HTML reader on other CMS layouts', () => {
  const tmp2 = tempDir();
  afterAll(tmp2.done);

  it('keeps a metadata list whose class looks like furniture (xxgk_head) and a title in a "head" box', async () => {
    const paras = Array.from({ length: 8 }, (_, i) => `<p>（${'一二三四五六七八'[i]}）加快推进第${i + 1}项工作，各责任单位要按照时间节点抓好落实。（牵头单位：市住建委）</p>`).join('');
    const html = `<html><head><title>关于印发重点工作分工方案的通知-某市政府</title></head><body>
      <div class="top"><a href="/">网站首页</a><a href="/zw">政务公开</a></div>
      <div class="xxgk_head"><ul>
        <li><span>索 引 号：</span>000014349/2020-00123</li><li><span>主题分类：</span><a href="/c/1">综合政务</a></li>
        <li><span>发文机关：</span>某市人民政府办公室</li><li><span>发文字号：</span>某府办〔2020〕12号</li>
      </ul></div>
      <div class="con-head"><h2>关于印发重点工作分工方案的通知</h2></div>
      <div class="con-body">${paras}</div>
      <div class="con-foot"><a href="javascript:print()">打印</a> <a href="javascript:close()">关闭</a></div>
    </body></html>`;
    const file = join(tmp2.dir, 'hanweb.html');
    writeFileSync(file, html);
    const lines = nonEmpty((await readSource(file)).lines);
    expect(lines.slice(0, 5)).toEqual([
      '索 引 号：000014349/2020-00123',
      '主题分类：综合政务',
      '发文机关：某市人民政府办公室',
      '发文字号：某府办〔2020〕12号',
      '关于印发重点工作分工方案的通知',
    ]);
    expect(lines.slice(5)).toHaveLength(8);
    expect(lines.join('\n')).not.toMatch(/网站首页|打印|关闭/);
  });
});

describe('title from <title>', () => {
  const tmp3 = tempDir();
  afterAll(tmp3.done);
  const titleOf = async (title: string): Promise<string> => {
    const file = join(tmp3.dir, 't.html');
    writeFileSync(file, `<html><head><title>${title}</title></head><body><div><p>正文第一段的文字内容。</p></div></body></html>`);
    return nonEmpty((await readSource(file)).lines)[0]!;
  };

  it('drops the site name but keeps hyphens inside the title', async () => {
    expect(await titleOf('关于印发2014-2016年行动计划的通知-某市人民政府')).toBe('关于印发2014-2016年行动计划的通知');
    expect(await titleOf('某市人民政府 - 关于印发分工方案的通知')).toBe('关于印发分工方案的通知');
  });

  it('adds nothing when <title> is only a site or column name', async () => {
    expect(await titleOf('某市人民政府门户网站')).toBe('正文第一段的文字内容。');
  });
});
