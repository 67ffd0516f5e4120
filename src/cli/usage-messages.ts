/**
 * commander's usage errors in Chinese: office staff see 未知的选项 rather than "unknown option".
 * Messages not listed pass through unchanged.
 */
const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/unknown option '([^']+)'/, (m) => `未知的选项 ${m[1]}（可用 --help 查看全部选项）`],
  [/missing required argument '([^']+)'/, (m) => `缺少参数 ${m[1]}（可用 --help 查看用法）`],
  [/required option '([^']+)' not specified/, (m) => `缺少必填选项 ${m[1]}`],
  [/unknown command '([^']+)'/, (m) => `未知的命令 ${m[1]}（可用 duban --help 查看全部命令）`],
  [/too many arguments(?: for '([^']+)')?/, (m) => `参数过多${m[1] ? `（命令 ${m[1]}）` : ''}，请检查是否有多余的文字或未加引号的空格`],
  [/option '([^']+)' argument missing/, (m) => `选项 ${m[1]} 后面缺少取值`],
];

export function chineseUsageError(message: string): string {
  const text = message.replace(/^error:\s*/i, '').trim();
  for (const [re, say] of RULES) {
    const m = text.match(re);
    if (m) return `duban: ${say(m)}`;
  }
  return `duban: ${text}`;
}
