import { getSegmenter, type Segmenter } from './segmenter.js';

/**
 * Words every task of a 政府工作报告 uses (推进, 加强, 完善 …): jieba's own stop list does not
 * know them, and as keywords they would tell tasks apart no better than 的 does.
 */
const POLICY_STOP_WORDS = new Set(
  (
    '推进 推动 加强 加快 加大 建设 完善 深化 发展 建立 健全 落实 实施 开展 促进 提高 提升 强化 ' +
    '坚持 积极 大力 全面 进一步 切实 着力 力争 确保 努力 扎实 全力 继续 不断 有序 稳妥 ' +
    '一批 全市 我市 今年 全年 明年 年度 有关 相关 各类 各项 重点 支持 鼓励 引导 实行 实现 形成 ' +
    '严格 规范 有效 进行 做好 抓好 推行 优化 打造 增强 研究 采取 注重 结合 围绕 按照 通过 ' +
    '工作 问题 情况 方面 水平 能力 力度 方式 措施 任务 目标 要求 责任 单位 部门 政府 ' +
    '以上 以下 左右 突破 达到 完成 增长 新增 同比 其中 主要 基本 不断 更加 更多'
  ).split(/\s+/),
);

/** How many candidates to ask jieba for: enough that filtering still leaves topN. */
const CANDIDATE_FACTOR = 4;

/**
 * The task's keywords by TF-IDF, heaviest first (ties by code point), without stop words,
 * single characters, numbers and punctuation. Loads nodejieba on first use (about a second);
 * call getSegmenter(unitNames) beforehand so unit names stay whole.
 */
export function extractKeywords(text: string, topN = 8, segmenter: Segmenter = getSegmenter()): string[] {
  if (topN <= 0 || text.trim() === '') return [];
  const out: string[] = [];
  for (const { word } of segmenter.extract(text, topN * CANDIDATE_FACTOR + 8)) {
    if (isKeyword(word) && !out.includes(word)) out.push(word);
    if (out.length === topN) break;
  }
  return out;
}

export function isKeyword(word: string): boolean {
  if ([...word].length < 2) return false;
  if (POLICY_STOP_WORDS.has(word)) return false;
  if (/[0-9０-９]/.test(word)) return false;
  if (/^[\p{P}\p{S}\p{Z}\s]+$/u.test(word)) return false;
  // Chinese numbers with or without a measure word: 三年, 两个, 百亿.
  if (/^[零〇一二三四五六七八九十百千万亿两几]+[年个项家条次倍件批成]?$/u.test(word)) return false;
  return true;
}
