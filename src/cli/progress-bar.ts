import type { CliIO } from './io.js';

/** A progress bar on a terminal; on a pipe or in a log, nothing until the summary line. */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

export async function startProgress(io: CliIO, total: number, title: string): Promise<Progress> {
  if (!io.isTTY || total < 2) return { tick: () => undefined, stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {value}/{total} {label}`, hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return { tick: (label) => bar.increment(1, { label }), stop: () => bar.stop() };
}
