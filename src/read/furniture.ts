/**
 * Web-page furniture that survives structural clean-up as text lines: print/close buttons,
 * font-size switches, share bars, breadcrumbs, previous/next links, visitor counters,
 * copyright footers. Used by the HTML reader only; a .txt keeps every line it has, so its
 * line numbers stay those of the file.
 */

// Buttons and switches that make up a whole line, possibly bracketed: 【打印】【关闭】, [ 打印本页 ], 字体：大 中 小 …
const TOKENS = [
  '打印本页', '打印此页', '打印正文', '打印文章', '打印', '关闭本页', '关闭窗口', '关闭', '收藏本页', '加入收藏', '收藏',
  '保存本页', '保存', '返回顶部', '回到顶部', '返回首页', '返回列表', '返回', '顶部', 'top', '字体', '字号', '大中小', '默认',
  '放大', '缩小', '大', '中', '小', '分享', '纠错', '我要纠错', '视力保护色', '繁体', '简体', '繁體', '简体版', '繁體版',
  '信息无障碍', '无障碍', '手机版', '扫一扫', '微信', '微博', 'qq空间', 'qq', '复制链接', '朗读', '听全文',
].sort((a, b) => b.length - a.length);
const TOKEN_RUN = new RegExp(`^(?:${TOKENS.join('|')}|[【】\\[\\]()（）<>《》|｜丨·•/／:：、,，\\-—])+$`, 'i');
// The same tokens inside brackets, removable from a line that carries real text too.
const BRACKETED = new RegExp(`[【\\[](?:\\s|${TOKENS.join('|')}|[:：、,，/|])+[】\\]]`, 'gi');

const WHOLE_LINE: readonly RegExp[] = [
  /^扫一扫(在|用)?手机(上)?(查看|打开|浏览|阅读)(当前|本)?页(面)?$/,
  /^(用)?手机扫(描|一扫)(二维码)?/,
  /^(当前位置|您现在的位置|您当前的位置|您的位置|当前的位置|所在位置|现在位置|当前页面)(是)?[:：]/,
  /^首页(>|＞|»|›|→|\/|&gt;)/,
  /^分享到/,
  /^(上一篇|下一篇|上一条|下一条|上一页|下一页)([:：]|$)/,
  /^(您是)?(本站)?(第)?\d+(位)?访(问|客)者?$/,
  /^您是(本站)?第\d+位/,
  /^(访问量|浏览次数|阅读次数|点击数|访问次数|浏览量|阅读量|点击量|访问人次)[:：]?\d*(次)?$/,
  /^(版权所有|copyright|©|\(c\))/i,
  /^(主办单位|主办|承办单位|承办|协办单位|技术支持|运行维护|维护单位|网站标识码|网站识别码|网站地图|联系我们)[:：|]/,
  /^(网站标识码|联系我们|网站地图|关于我们|免责声明|隐私声明)$/,
  /ICP备\d+号/i,
  /公网安备\d+号/,
  /^(相关链接|相关文章|相关阅读|相关新闻|相关文件|相关附件|友情链接|热点推荐|推荐阅读)[:：]?$/,
];

/** Removes bracketed furniture from inside a line, e.g. `发布日期：2014-01-28 【字体：大 中 小】`. */
export function stripInlineFurniture(line: string): string {
  return line.includes('【') || line.includes('[') ? line.replace(BRACKETED, '') : line;
}

/** True for a line that is page furniture and nothing else. */
export function isFurnitureLine(line: string): boolean {
  const s = line.replace(/\s+/g, '');
  if (s === '') return false;
  if (TOKEN_RUN.test(s)) return true;
  return WHOLE_LINE.some((re) => re.test(s));
}
