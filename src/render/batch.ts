/**
 * Writes many documents at once (letters, score sheets), their files written on libuv's threads
 * while the next document is rendered. With DUBAN_THREADS=2 a worker thread writes PDFs too,
 * taking them from the same queue as this thread: with both formats this thread writes the DOCX
 * files first and then helps with the PDFs left; with PDF only both threads write PDFs from the
 * start. A command can start the worker ahead of need (prestartPdfWorker) so that it loads pdfkit
 * and the fonts while this thread parses the notice.
 * Run from TypeScript sources (tests) there is no compiled worker, so the batch is written in
 * this thread; the files are the same either way (each PDF depends on its own tree only).
 */
import './fonts/prelude.js';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DocTree } from '../model/doc.js';
import { DubanError, type ErrorKind } from '../model/errors.js';
import { writeFileAtomicAsync } from '../util/atomic-write.js';
import { prepareDocuments, writeDocument, type DocFormat } from './output.js';
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
/** With both formats, this thread joins in on the PDFs only when this many are still waiting. */
const HELP_MIN = 6;

/**
 * A second thread is used only when DUBAN_THREADS=2 asks for it. It loads its own modules and
 * fonts, warms up its own compiled code and lays out again the text the other thread has laid out,
 * and on the machines measured the two threads slow each other down: two duban processes at once
 * each took 1.45× their time alone. Measured once the single-thread costs had been cut (2026-12-06,
 * 2 cores, idle): 71 letters as PDF 1.1–1.2 s in one thread, 1.2–1.6 s in two; DOCX and PDF
 * 1.63–1.67 s against 1.78–1.84 s; one letter 0.44 s against 0.58 s.
 */
function spareCore(): boolean {
  return process.env.DUBAN_THREADS === '2' && availableParallelism() >= 2;
}

/**
 * The compiled worker, dist/render/pdf-worker.js. Named from the package root rather than as a
 * neighbour, because this code runs from dist/bundle/duban.cjs too; both sit two levels down.
 */
function workerFile(): string | null {
  if (!spareCore()) return null;
  const path = fileURLToPath(new URL('../render/pdf-worker.js', import.meta.url));
  return existsSync(path) ? path : null;
}

let prestarted: { worker: Worker; file: string; fontsDir: string | undefined } | null = null;

/** Starts the PDF worker now, for a writeBatch to come; it loads its modules and fonts meanwhile. */
export function prestartPdfWorker(fontsDir?: string): void {
  if (prestarted) return;
  const file = workerFile();
  if (!file) return;
  const worker = new Worker(file, { workerData: { fontsDir } });
  // Not used after all (the command failed first): it must not keep the process alive.
  worker.unref();
  worker.on('error', () => undefined);
  prestarted = { worker, file, fontsDir };
}

function dropPrestarted(): void {
  if (prestarted) void prestarted.worker.terminate();
  prestarted = null;
}

function takeWorker(file: string, fontsDir: string | undefined): Worker {
  const p = prestarted;
  prestarted = null;
  if (p && p.fontsDir === fontsDir) return p.worker;
  if (p) void p.worker.terminate();
  return new Worker(file, { workerData: { fontsDir } });
}

/**
 * The worker for a batch: the one started ahead (any number of jobs: its start-up already ran
 * beside this thread's work), else a new one when the batch is large enough to pay for starting it.
 */
function batchWorker(jobs: number, fontsDir: string | undefined): Worker | null {
  if (prestarted) return takeWorker(prestarted.file, fontsDir);
  const file = jobs >= MIN_PARALLEL ? workerFile() : null;
  return file ? new Worker(file, { workerData: { fontsDir } }) : null;
}

/** Writes every job in every format; returns the paths written, job by job (DOCX before PDF). */
export async function writeBatch(jobs: readonly BatchJob[], opts: BatchOptions): Promise<string[]> {
  const wantPdf = opts.formats.includes('pdf');
  const wantDocx = opts.formats.includes('docx');
  const worker = wantPdf ? batchWorker(jobs.length, opts.fontsDir) : null;
  if (!worker) {
    dropPrestarted();
    return writeInThread(jobs, opts);
  }
  let next = 0;
  const take = (): number | undefined => (next < jobs.length ? next++ : undefined);
  const pdfDone = (i: number): void => {
    if (!wantDocx) opts.onDone?.(jobs[i]!.label);
  };
  const inWorker = pdfsInWorker(worker, jobs, take, pdfDone);
  try {
    if (wantDocx) {
      const writes: Promise<void>[] = [];
      await prepareDocuments(jobs.map((j) => j.tree), opts.formats);
      for (const job of jobs) {
        await writeDocument(job.tree, job.base, { formats: ['docx'], writes });
        opts.onDone?.(job.label);
      }
      await Promise.all(writes);
    }
    // This thread loads pdfkit and the fonts too only when enough PDFs are left to pay for it.
    if (jobs.length - next >= (wantDocx ? HELP_MIN : 2)) await helpWithPdfs(jobs, take, pdfDone, opts.fontsDir);
  } finally {
    await inWorker;
  }
  return jobs.flatMap((j) => [...(wantDocx ? [`${j.base}.docx`] : []), `${j.base}.pdf`]);
}

/** Writes PDFs in this thread from the queue the worker also takes from. */
async function helpWithPdfs(jobs: readonly BatchJob[], take: () => number | undefined, done: (i: number) => void, fontsDir: string | undefined): Promise<void> {
  const { loadFonts, prefetchSystemFonts } = await import('./fonts/fonts.js');
  const { writePdf } = await import('./pdf/write.js');
  await prefetchSystemFonts();
  const fonts = loadFonts({ fontsDir });
  const writes: Promise<void>[] = [];
  for (let i = take(); i !== undefined; i = take()) {
    const n = i;
    writes.push(writeFileAtomicAsync(`${jobs[n]!.base}.pdf`, writePdf(jobs[n]!.tree, fonts)).then(() => done(n)));
    // Lets the worker's replies and finished writes in, so that the worker is sent its next job.
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(writes);
}

async function writeInThread(jobs: readonly BatchJob[], opts: BatchOptions): Promise<string[]> {
  let fonts: import('./fonts/fonts.js').FontSet | undefined;
  if (opts.formats.includes('pdf')) {
    const { loadFonts, prefetchSystemFonts } = await import('./fonts/fonts.js');
    await prefetchSystemFonts();
    fonts = loadFonts({ fontsDir: opts.fontsDir });
  }
  await prepareDocuments(jobs.map((j) => j.tree), opts.formats);
  const written: string[] = [];
  const writes: Promise<void>[] = [];
  for (const job of jobs) {
    written.push(...(await writeDocument(job.tree, job.base, { formats: opts.formats, fonts, writes })));
    opts.onDone?.(job.label);
  }
  await Promise.all(writes);
  return written;
}

/** Feeds the worker jobs from the shared queue, two at a time so that it never waits for this thread. */
function pdfsInWorker(w: Worker, jobs: readonly BatchJob[], take: () => number | undefined, done: (i: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let inFlight = 0;
    let failure: DubanError | null = null;
    const finish = (): void => {
      w.removeAllListeners('message');
      void w.terminate().then(() => (failure ? reject(failure) : resolve()));
    };
    const send = (): void => {
      const i = failure ? undefined : take();
      if (i === undefined) {
        if (inFlight === 0) finish();
        return;
      }
      inFlight++;
      w.postMessage({ id: i, tree: jobs[i]!.tree, path: `${jobs[i]!.base}.pdf` } satisfies PdfJob);
    };
    w.ref();
    w.on('message', (r: PdfReply) => {
      inFlight--;
      if (!r.ok && !failure) failure = new DubanError(r.kind as ErrorKind, r.message, r.file ? { file: r.file } : {});
      if (r.ok) done(r.id);
      send();
    });
    w.on('error', (e) => reject(new DubanError('internal', `PDF 生成线程出错：${e.message}`)));
    send();
    send();
  });
}
