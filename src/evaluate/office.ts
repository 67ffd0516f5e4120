/**
 * The evaluation circular's head from the office settings (seeds/<city>-office.yaml, section
 * evaluation): the evaluating office, its 代字 and number, 主送, 抄送 and the 问责 body replace
 * the rules file's document section, which only keeps the date.
 */
import type { OfficeSettings } from '../office/types.js';
import type { Rules } from './rules.js';

export function withOfficeDocument(rules: Rules, office: OfficeSettings): Rules {
  const e = office.evaluation;
  return {
    ...rules,
    document: {
      ...rules.document,
      organ: e.organ,
      docNumber: `${e.prefix}〔{发文年度}〕${e.number}号`,
      recipients: e.recipients,
      accountabilityOrgan: office.accountability,
      cc: e.cc.length ? e.cc.join('，') : null,
    },
  };
}
