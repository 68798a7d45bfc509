import cliProgress from 'cli-progress';
import type { ImportProgress } from '../modules/companies/import/pipeline.ts';

/** A progress bar on stderr over the bytes of the file read so far, with rows accepted and rejected. */
export function progressBar() {
  const bar = new cliProgress.SingleBar(
    {
      format:
        ' {bar} {percentage}% | {rows} rows | {accepted} accepted | {rejected} rejected | {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: ImportProgress) {
      const total = p.totalBytes ?? Math.max(p.bytesRead, 1);
      if (!started) {
        bar.start(total, 0, { rows: 0, accepted: 0, rejected: 0 });
        started = true;
      }
      bar.update(p.phase === 'done' ? total : p.bytesRead, {
        rows: p.rows,
        accepted: p.accepted,
        rejected: p.rejected,
      });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
