/**
 * Writes the year's evaluation documents: the circular (考核结果通报) and one score sheet
 * (考核评分表) per unit in `<out>/评分表/`, each as DOCX and/or PDF from the same document tree,
 * and the workbook. One file per unit, because the office sends each unit its own sheet.
 * Every file goes through writeFileAtomic; the date comes from the data, never the clock.
 */
import { join } from 'node:path';
import type { DocTree } from '../model/doc.js';
import type { BatchJob } from '../render/batch.js';
import type { DocFormat } from '../render/output.js';
import { distinctFileStems } from '../util/safe-filename.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { circularData, documentDate, sheetData } from './context.js';
import type { EvaluationResult } from './evaluate.js';
import type { EvaluationFacts } from './facts.js';
import type { Rules } from './rules.js';
import { packagePath } from '../util/package-path.js';

export const OUTPUT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The bundled template, found from this module so it works from src/ and dist/ alike. */
export const DEFAULT_TEMPLATE = packagePath('templates', 'evaluation.hbs');

export const SHEETS_DIR = '评分表';

export interface WriteOptions {
  outDir: string;
  formats: readonly OutputFormat[];
  fontsDir?: string;
  template?: string;
}

export interface EvaluationDocs {
  circular: DocTree;
  sheets: { unit: string; tree: DocTree }[];
}

/** The document trees, without writing anything (tests and previews). */
export async function evaluationDocs(facts: EvaluationFacts, result: EvaluationResult, rules: Rules, template = DEFAULT_TEMPLATE): Promise<EvaluationDocs> {
  const { renderTemplate } = await import('../render/template.js');
  return {
    circular: renderTemplate(template, circularData(facts, result, rules)),
    sheets: result.units.map((u) => ({ unit: u.unit, tree: renderTemplate(template, sheetData(facts, result, u, rules)) })),
  };
}

export function circularFileStem(year: number): string {
  return `${year}年度考核结果通报`;
}

/** Renders and writes everything asked for; returns the files written, in order. */
export async function writeEvaluation(facts: EvaluationFacts, result: EvaluationResult, rules: Rules, opts: WriteOptions): Promise<string[]> {
  const written: string[] = [];
  const wants = (f: OutputFormat) => opts.formats.includes(f);
  const date = documentDate(facts, rules);
  if (wants('docx') || wants('pdf')) {
    const docs = await evaluationDocs(facts, result, rules, opts.template);
    const formats = opts.formats.filter((f): f is DocFormat => f === 'docx' || f === 'pdf');
    const stems = distinctFileStems(docs.sheets.map((s) => `${s.unit}考核评分表`));
    const jobs: BatchJob[] = [
      { tree: docs.circular, base: join(opts.outDir, circularFileStem(facts.year)), label: circularFileStem(facts.year) },
      ...docs.sheets.map((s, i) => ({ tree: s.tree, base: join(opts.outDir, SHEETS_DIR, stems[i]!), label: s.unit })),
    ];
    const { writeBatch } = await import('../render/batch.js');
    written.push(...(await writeBatch(jobs, { formats, ...(opts.fontsDir ? { fontsDir: opts.fontsDir } : {}) })));
  }
  if (wants('xlsx')) {
    const { evaluationWorkbook } = await import('./xlsx.js');
    const file = join(opts.outDir, `${facts.year}年度考核结果.xlsx`);
    writeFileAtomic(file, await evaluationWorkbook(facts, result, rules, date));
    written.push(file);
  }
  return written;
}
