/**
 * A worker thread that writes the PDFs of a batch while the main thread writes the DOCX files:
 * the two writers are independent and the machine has two cores. It loads the fonts itself
 * (once), renders each tree it is sent and answers with the path written, or the error.
 */
import '../cli/boot.js';
import './fonts/prelude.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { DocTree } from '../model/doc.js';
import { DubanError } from '../model/errors.js';
import { writeFileAtomicAsync } from '../util/atomic-write.js';

// Loaded after the prelude has run (a static import would load fontkit with it, before it runs).
const [{ loadFonts }, { writePdf }] = await Promise.all([import('./fonts/fonts.js'), import('./pdf/write.js')]);

export interface PdfJob {
  id: number;
  tree: DocTree;
  path: string;
}

export type PdfReply = { id: number; ok: true } | { id: number; ok: false; kind: string; message: string; file?: string };

const fonts = loadFonts({ fontsDir: (workerData as { fontsDir?: string }).fontsDir });
// Parse the fonts now: the worker is often started before its first job is ready.
for (const face of Object.values(fonts.faces)) void face.font;

/** The error of a job as the main thread rebuilds it. */
function failure(id: number, e: unknown): PdfReply {
  return e instanceof DubanError
    ? { id, ok: false, kind: e.kind, message: e.message, file: e.place.file }
    : { id, ok: false, kind: 'internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

parentPort?.on('message', (job: PdfJob) => {
  let pdf: Buffer;
  try {
    pdf = writePdf(job.tree, fonts);
  } catch (e) {
    parentPort!.postMessage(failure(job.id, e));
    return;
  }
  // The file is written on libuv's threads while the next job is rendered.
  writeFileAtomicAsync(job.path, pdf).then(
    () => parentPort!.postMessage({ id: job.id, ok: true } satisfies PdfReply),
    (e: unknown) => parentPort!.postMessage(failure(job.id, e)),
  );
});
