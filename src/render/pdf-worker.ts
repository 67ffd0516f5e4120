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
import { writeFileAtomic } from '../util/atomic-write.js';

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

parentPort?.on('message', (job: PdfJob) => {
  try {
    writeFileAtomic(job.path, writePdf(job.tree, fonts));
    parentPort!.postMessage({ id: job.id, ok: true } satisfies PdfReply);
  } catch (e) {
    const reply: PdfReply =
      e instanceof DubanError
        ? { id: job.id, ok: false, kind: e.kind, message: e.message, file: e.place.file }
        : { id: job.id, ok: false, kind: 'internal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    parentPort!.postMessage(reply);
  }
});
