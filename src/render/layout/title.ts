import type { FontSet } from '../fonts/fonts.js';
import { AREA_WIDTH, BLACK, SIZE } from './geometry.js';
import { breakLines, canBreakBefore, type LineBox } from './linebreak.js';
import { LayoutMemo } from './memo.js';
import { toUnits, type Unit } from './tokens.js';

export const TITLE_SIZE = SIZE.er;

/**
 * Two-character words frequent in official titles: a break inside one reads badly (政府工|作报告).
 * Not a dictionary, just enough to steer the common cases without loading a segmenter.
 */
const WORDS = new Set(
  (
    '工作 报告 政府 人民 任务 落实 意见 通知 会议 实施 方案 管理 建设 发展 改革 督查 督办 考核 情况 通报 进展 重点 目标 ' +
    '责任 分解 办公 主要 有关 交办 经济 社会 服务 全市 全面 加强 推进 深化 规划 项目 印发 单位 部门 年度 季度 结果 ' +
    '代表 大会 建议 提案 政协 委员 常委 办理 工程 民生 城市 农村 生态 环境 安全 生产 质量 体系 机制 制度 政务 公开'
  ).split(' '),
);

const AFTER_GOOD = new Set([...'、，：；》〉”）〕']);
const BEFORE_GOOD = new Set([...'《〈“（〔']);

/**
 * Wraps a 2号小标宋 title into centred lines. The standard asks for breaks at word boundaries
 * and a trapezoid or diamond outline; without a dictionary, breaks are scored: good after a
 * punctuation mark, before 《, around 关于, before the final 的 (so 的通知 stays together); bad
 * inside 《》 or leaving a line of one or two characters. The fewest lines win first.
 */
export function titleLines(text: string, fonts: FontSet, width = AREA_WIDTH, color = BLACK): LineBox[] {
  const units = toUnits([{ text, style: { role: 'xiaobiaosong', size: TITLE_SIZE, bold: false, color } }], fonts, 1);
  const n = units.length;
  if (n === 0) return [];
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u.width);
  const widthOf = (a: number, b: number): number => prefix[b]! - prefix[a]!;
  const total = widthOf(0, n);
  const minLines = Math.max(1, Math.ceil(total / width - 1e-9));
  const breaks = titleBreaks.get(fonts, `${width}\0${text}`, () => chooseBreaks(units, width, minLines, widthOf));
  if (!breaks) return breakLines(units, { width, firstIndent: 0, restIndent: 0, align: 'center', allowHang: false });
  const bounds = [0, ...breaks, n];
  const lines: LineBox[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const seg = units.slice(bounds[i], bounds[i + 1]);
    lines.push(...breakLines(seg, { width, firstIndent: 0, restIndent: 0, align: 'center', allowHang: false }));
  }
  return lines;
}

/**
 * Every letter of a batch carries the notice's title, and the search for its breaks is the
 * costliest part of laying out a letter. The breaks depend only on the text, the measure and the
 * fonts' widths (not the colour).
 */
const titleBreaks = new LayoutMemo<readonly number[] | null>(256);

function chooseBreaks(units: Unit[], width: number, minLines: number, widthOf: (a: number, b: number) => number): number[] | null {
  const n = units.length;
  if (minLines === 1) return [];
  const pitch = units[0]!.pitch;
  const text = units.map((u) => u.chars.join(''));
  const lastDe = text.lastIndexOf('的');
  const depthBefore = pairDepths(text);
  const quality = (k: number): number => {
    if (!canBreakBefore(units, k)) return Infinity;
    let q = 0;
    const prev = text[k - 1]!;
    const next = text[k]!;
    if (AFTER_GOOD.has(prev)) q -= 40;
    if (BEFORE_GOOD.has(next)) q -= 35;
    if (prev === '于' && text[k - 2] === '关') q -= 30;
    if (next === '关' && text[k + 1] === '于') q -= 25;
    if (k === lastDe && n - k <= 8) q -= 30;
    if (prev === '的' && n - k <= 6) q += 25;
    if (depthBefore[k]! > 0) q += 15;
    if (WORDS.has(prev + next)) q += 30;
    if (prev === '年' && /\d$/.test(text[k - 2] ?? '')) q -= 15;
    return q;
  };
  const best = new Map<string, { cost: number; breaks: number[] }>();
  // dp over (start, lines left): the remaining units [start, n) in `left` lines.
  const solve = (start: number, left: number): { cost: number; breaks: number[] } => {
    const key = `${start},${left}`;
    const hit = best.get(key);
    if (hit) return hit;
    let result = { cost: Infinity, breaks: [] as number[] };
    if (left === 1) {
      const w = widthOf(start, n);
      if (w <= width + 0.01) result = { cost: lineCost(w, pitch, n - start), breaks: [] };
    } else {
      for (let k = start + 1; k < n; k++) {
        const w = widthOf(start, k);
        if (w > width + 0.01) break;
        const q = quality(k);
        if (q === Infinity) continue;
        const rest = solve(k, left - 1);
        if (rest.cost === Infinity) continue;
        const restFirst = rest.breaks[0] ?? n;
        const balance = Math.abs(w - widthOf(k, restFirst)) / pitch;
        const cost = q + lineCost(w, pitch, k - start) + balance * 2 + rest.cost;
        if (cost < result.cost) result = { cost, breaks: [k, ...rest.breaks] };
      }
    }
    best.set(key, result);
    return result;
  };
  let chosen = { cost: Infinity, breaks: [] as number[] };
  for (let lines = minLines; lines <= minLines + 1; lines++) {
    best.clear();
    const r = solve(0, lines);
    const cost = r.cost + (lines - minLines) * 60;
    if (cost < chosen.cost) chosen = { cost, breaks: r.breaks };
  }
  // No break satisfies the rules: the caller falls back to plain line filling.
  return chosen.cost === Infinity ? null : chosen.breaks;
}

function lineCost(w: number, pitch: number, count: number): number {
  const cells = w / pitch;
  if (count <= 1 || cells < 1.5) return 10_000;
  if (cells < 3) return 300;
  return 0;
}

/** For each break position, how deep inside 《》, 〈〉 or “” pairs it falls. */
function pairDepths(text: string[]): number[] {
  const depths = [0];
  let depth = 0;
  for (const t of text) {
    if (t === '《' || t === '〈' || t === '“') depth++;
    else if ((t === '》' || t === '〉' || t === '”') && depth > 0) depth--;
    depths.push(depth);
  }
  return depths;
}
