/**
 * Year-end evaluation (年度考核). Layer 1 is pure: rules (YAML, validated) + facts → scores with a
 * line-by-line breakdown, ranks and grades. Layer 2 reads the facts from the workspace database
 * and writes the circular, the per-unit score sheets and the workbook.
 */
export type { EvaluationFacts, UnitFacts, TaskFact, TargetFact, ReportFact, UnitEvent, NoticeFact, TaskStatus } from './facts.js';
export { GRADES, SCORED_STATUSES, RULE_LABELS, ruleLabel, type Grade, type Rules, type RulesData, type ScoredStatus } from './rules.js';
export { loadRules, parseRules, PLACEHOLDERS } from './rules-load.js';
export { scoreUnit, targetDirection, targetReached, ROLE_LABEL, type ScoreLine, type UnitTally, type ScoreContext } from './score.js';
export { gradeByScore, rankByScore, applyExcellentCap } from './grade.js';
export { evaluate, type UnitScore, type EvaluationResult } from './evaluate.js';
export { describeRules } from './describe.js';
export { toCents, fromCents, fmt } from './points.js';
export { loadEvaluationFacts, type LoadOptions } from './load-facts.js';
export { loadEvents, parseEvents } from './events.js';
export { circularData, sheetData, documentDate, type CircularData, type SheetData } from './context.js';
export { writeEvaluation, evaluationDocs, OUTPUT_FORMATS, SHEETS_DIR, DEFAULT_TEMPLATE, type OutputFormat, type WriteOptions, type EvaluationDocs } from './write.js';
