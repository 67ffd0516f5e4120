/**
 * The status and light rules from the office's YAML file (seeds/status-rules.yaml): every key of
 * StatusRules may be set, none is unknown, and the thresholds are checked before use.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlConfig, readConfigText } from '../util/yaml-config.js';
import { statusRules, type StatusRules } from './rules.js';
import { bundledStatusRulesFile } from './rules-cached.js';

const SPEC = {
  title: '进度规则',
  topLevelHint: '文件应由 yellowBehind、redBehind 等设置项组成',
  labels: {
    yellowBehind: '黄灯：落后序时进度的百分点',
    redBehind: '红灯：落后序时进度的百分点',
    multipleLeads: '多个牵头单位的合并方式',
    missingLeadRed: '牵头单位未报送亮红灯',
    overdueRed: '超过任务时限亮红灯',
    behindByPercent: '按进度判定滞后',
    graceDays: '报送宽限天数',
    achievementChars: '成绩摘录字数',
    portalGraceDays: '网上报送链接宽限天数',
  },
};

const schema = z.strictObject({
  yellowBehind: z.number().min(0).max(100).optional(),
  redBehind: z.number().min(0).max(100).optional(),
  multipleLeads: z.enum(['worst', 'mean']).optional(),
  missingLeadRed: z.boolean().optional(),
  overdueRed: z.boolean().optional(),
  behindByPercent: z.boolean().optional(),
  graceDays: z.number().int().min(0).optional(),
  achievementChars: z.number().int().min(10).optional(),
  portalGraceDays: z.number().int().min(0).optional(),
});

export { bundledStatusRulesFile } from './rules-cached.js';

export function parseStatusRules(text: string, file: string): StatusRules {
  const { data, at } = parseYamlConfig(text, file, schema, SPEC);
  const yellow = data.yellowBehind ?? 10;
  if (data.redBehind !== undefined && data.redBehind < yellow) {
    at.fail(`红灯线 redBehind（${data.redBehind}）不能低于黄灯线 yellowBehind（${yellow}）`, at.lineOf(['redBehind']));
  }
  const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Partial<StatusRules>;
  return statusRules(defined);
}

/** The named file, else the bundled one, else the built-in defaults. */
export function loadStatusRules(file?: string): StatusRules {
  const path = file ?? bundledStatusRulesFile();
  if (!file && !existsSync(path)) return statusRules();
  return parseStatusRules(readConfigText(path, SPEC.title), path);
}
