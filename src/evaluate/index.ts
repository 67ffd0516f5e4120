/** Year-end evaluation (年度考核): rules, facts, scoring, grades, and the documents built on them. */
export type { EvaluationFacts, UnitFacts, TaskFact, TargetFact, ReportFact, UnitEvent, NoticeFact, TaskStatus } from './facts.js';
export { GRADES, SCORED_STATUSES, RULE_LABELS, ruleLabel, type Grade, type Rules, type RulesData, type ScoredStatus } from './rules.js';
export { loadRules, parseRules, PLACEHOLDERS } from './rules-load.js';
export { scoreUnit, targetDirection, targetReached, ROLE_LABEL, type ScoreLine, type UnitTally } from './score.js';
export { gradeByScore, rankByScore, applyExcellentCap } from './grade.js';
export { evaluate, type UnitScore, type EvaluationResult } from './evaluate.js';
export { toCents, fromCents, fmt } from './points.js';
