/**
 * Reads the rules YAML and refuses anything doubtful before a single point is computed: a YAML
 * error, an unknown key, a missing key, a negative number, grade lines out of order, a share
 * outside 0–1. Each refusal is one DubanError('config') naming the file, the key path and the line.
 */
import { parseYamlConfig, readConfigText, type YamlPlace } from '../util/yaml-config.js';
import { RULE_LABELS, type Rules, type RulesData } from './rules.js';
import { rulesFileSchema } from './rules-schema.js';

const SPEC = { title: '考核规则', labels: RULE_LABELS, topLevelHint: '文件应由 base、roles、status 等设置项组成' };

/** Reads and validates a rules file. */
export function loadRules(file: string): Rules {
  return parseRules(readConfigText(file, SPEC.title), file);
}

/** Validates rules YAML text; `file` names it in messages. */
export function parseRules(text: string, file: string): Rules {
  const { data, at } = parseYamlConfig(text, file, rulesFileSchema, SPEC);
  checkConsistency(at, data);
  return { ...data, file };
}

function checkConsistency(at: YamlPlace, r: RulesData): void {
  const g = r.grades;
  if (!(g.优秀 > g.良好)) {
    at.fail(`等次分数线须从高到低排列且不能重叠：grades.良好（${g.良好}）应低于 grades.优秀（${g.优秀}）`, at.lineOf(['grades', '良好']));
  }
  if (!(g.良好 > g.合格)) {
    at.fail(`等次分数线须从高到低排列且不能重叠：grades.合格（${g.合格}）应低于 grades.良好（${g.良好}）`, at.lineOf(['grades', '合格']));
  }
  if (r.floor !== null && r.floor > r.base) {
    at.fail(`最低分 floor（${r.floor}）不能高于基础分 base（${r.base}）`, at.lineOf(['floor']));
  }
  const seen = new Set<string>();
  r.veto.items.forEach((item, i) => {
    if (seen.has(item)) at.fail(`否决事项“${item}”重复列出`, at.lineOf(['veto', 'items', i]));
    seen.add(item);
  });
  for (const placeholder of placeholdersIn(r.document.organ + r.document.docNumber)) {
    if (!PLACEHOLDERS.includes(placeholder)) {
      const key = r.document.organ.includes(`{${placeholder}}`) ? 'organ' : 'docNumber';
      at.fail(`document.${key} 中的“{${placeholder}}”无法识别（可用：${PLACEHOLDERS.map((p) => `{${p}}`).join('、')}）`, at.lineOf(['document', key]));
    }
  }
}

/** Placeholders the document settings may use. */
export const PLACEHOLDERS = ['城市', '年度', '发文年度'];

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}
