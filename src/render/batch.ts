/**
 * Writes many documents at once (letters, score sheets). With both formats and enough documents,
 * the PDFs go to a worker thread while this thread writes the DOCX files, which nearly halves
 * the time on two cores. Run from TypeScript sources (tests) there is no compiled worker, so
 * the batch is written in this thread; the files are the same either way.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocTree } from '../model/doc.js';
import { DubanError, type ErrorKind } from '../model/errors.js';
import { writeDocument, type DocFormat } from './output.js';
import type { PdfJob, PdfReply } from './pdf-worker.js';

export interface BatchJob {
  tree: DocTree;
  /** Path without extension. */
  base: string;
  label: string;
}

export interface BatchOptions {
  formats: readonly DocFormat[];
  fontsDir?: string;
  onDone?: (label: string) => void;
}

const MIN_PARALLEL = 6;

function workerFile(): string | null {
  const url = new URL('./pdf-worker.js', import.meta.url);
  const path = fileURLToPath(url);
  return import.meta.url.endsWith('.js') && existsSync(path) ? path : null;
}

/** Writes every job in every format; returns the paths written, job by job (DOCX before PDF). */
export async function writeBatch(jobs: readonly BatchJob[], opts: BatchOptions): Promise<string[]> {
  const both = opts.formats.includes('docx') && opts.formats.includes('pdf');
  const worker = both && jobs.length >= MIN_PARALLEL ? workerFile() : null;
  if (!worker) return writeInThread(jobs, opts);
  const pdfs = pdfsInWorker(worker, jobs, opts.fontsDir);
  try {
    for (const job of jobs) {
      await writeDocument(job.tree, job.base, { formats: ['docx'] });
      opts.onDone?.(job.label);
    }
  } finally {
    await pdfs;
  }
  return jobs.flatMap((j) => [`${j.base}.docx`, `${j.base}.pdf`]);
}

async function writeInThread(jobs: readonly BatchJob[], opts: BatchOptions): Promise<string[]> {
  const fonts = opts.formats.includes('pdf') ? (await import('./fonts/fonts.js')).loadFonts({ fontsDir: opts.fontsDir }) : undefined;
  const written: string[] = [];
  for (const job of jobs) {
    written.push(...(await writeDocument(job.tree, job.base, { formats: opts.formats, fonts })));
    opts.onDone?.(job.label);
  }
  return written;
}

function pdfsInWorker(file: string, jobs: readonly BatchJob[], fontsDir: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: { fontsDir } });
    let pending = jobs.length;
    if (pending === 0) return void w.terminate().then(() => resolve());
    let failure: DubanError | null = null;
    w.on('message', (r: PdfReply) => {
      if (!r.ok && !failure) failure = new DubanError(r.kind as ErrorKind, r.message, r.file ? { file: r.file } : {});
      if (--pending === 0) void w.terminate().then(() => (failure ? reject(failure) : resolve()));
    });
    w.on('error', (e) => reject(new DubanError('internal', `PDF 生成线程出错：${e.message}`)));
    jobs.forEach((job, id) => w.postMessage({ id, tree: job.tree, path: `${job.base}.pdf` } satisfies PdfJob));
  });
}
