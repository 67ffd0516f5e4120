/**
 * The evaluation rules (考核规则): their validated form, grades and the Chinese names of their
 * keys. The schema that validates the YAML is in rules-schema.ts, loaded only when a rules file
 * changed (rules-cached.ts).
 * Every deduction and bonus is written as a non-negative number of points: the scorer gives
 * deductions their sign, so the file reads the way the office speaks (“逾期报送扣1分”).
 */
import type { RulesData } from './rules-schema.js';

export type { RulesData } from './rules-schema.js';

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export type Grade = (typeof GRADES)[number];

export const SCORED_STATUSES = ['已完成', '推进中', '滞后', '未启动', '未报告'] as const;
/** A task's year-end status, plus 未报告 for a task the unit never reported on. */
export type ScoredStatus = (typeof SCORED_STATUSES)[number];

/** Validated rules and where they came from. */
export interface Rules extends RulesData {
  /** The file as the user named it; shown in documents and messages. */
  file: string;
}

/** Chinese names of the keys, for messages and for the “依据” column of the score sheet. */
export const RULE_LABELS: Record<string, string> = {
  base: '基础分',
  floor: '最低分',
  roles: '角色权重',
  'roles.lead': '牵头权重',
  'roles.support': '配合权重',
  status: '任务状态扣分',
  'status.inProgressByPercent': '推进中按比例折算',
  targets: '量化指标',
  'targets.reached': '指标达到',
  'targets.missed': '指标未达到',
  'targets.proportional': '按差距比例扣分',
  'targets.noActual': '指标未报实际值',
  'targets.aroundTolerance': '“左右”容差',
  reports: '进展报送',
  'reports.late': '逾期报送',
  'reports.missing': '未报送',
  'reports.unexplainedLag': '滞后未说明原因',
  'reports.cap': '报送扣分上限',
  bonus: '加分',
  'bonus.cap': '加分上限',
  'bonus.items': '加分事项',
  veto: '一票否决',
  'veto.leadTaskNotStarted': '牵头任务未启动',
  'veto.missingReports': '未报送期数',
  'veto.items': '否决事项',
  grades: '等次分数线',
  excellentCap: '优秀比例上限',
  'excellentCap.share': '优秀比例',
  'excellentCap.ties': '并列处理',
  document: '通报文头',
  'document.organ': '发文机关',
  'document.docNumber': '发文字号',
  'document.recipients': '主送机关',
  'document.accountabilityOrgan': '问责机关',
  'document.cc': '抄送机关',
  'document.date': '成文日期',
};

/**
 * 逾期报送（reports.late）: a rule key's Chinese name with the key itself. Rule keys are the
 * rules file's own key paths (status.滞后, bonus.items.领导批示肯定), so staff can find each one.
 */
export function ruleLabel(key: string): string {
  const [head, ...rest] = key.split('.');
  const tail = rest.join('.');
  let label = RULE_LABELS[key];
  if (!label && head === 'status') label = `年末状态“${tail}”`;
  if (!label && tail.startsWith('items.') && head === 'bonus') label = `加分事项“${tail.slice(6)}”`;
  return label ? `${label}（${key}）` : key;
}
