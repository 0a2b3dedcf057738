/**
 * Progress of long computations on a terminal: the engine's progress events (engine/progress:
 * one per L of a sweep, per block of H_S the dense method diagonalises, per sector the symmetric
 * method visits) drawn as one cli-progress bar on stderr, only when stdout and stderr are both
 * terminals (CliIO `isTTY`, `errIsTTY`) and the output is not --json. The bar is drawn through
 * `io.err` and cleared when the computation ends, so stdout is the same with and without it.
 */
import cliProgress from 'cli-progress';
import type { ProgressCallback, ProgressEvent } from '../engine/index.js';
import type { CliIO } from './io.js';

/** A progress display: the callback for the engine, and `done` to clear it (call it in `finally`). */
export interface ProgressDisplay {
  readonly onProgress: ProgressCallback;
  done(): void;
}

/** Whether `io` shows progress: stdout and stderr are both terminals. */
export function showsProgress(io: CliIO): boolean {
  return io.isTTY && io.errIsTTY === true;
}

/**
 * A bar headed `label` on `io`'s stderr, drawn at the first event; null when `io` shows no
 * progress ({@link showsProgress}) or `enabled` is false (--json).
 *
 * @example
 * const p = progressDisplay(io, 'current', !flags.json)
 * try { computeCurrent(spec, L, { onProgress: p?.onProgress }) } finally { p?.done() }
 */
export function progressDisplay(io: CliIO, label: string, enabled = true): ProgressDisplay | null {
  if (!enabled || !showsProgress(io)) return null;
  // cli-progress draws on a terminal stream: io.err with the terminal's width.
  const stream = {
    isTTY: true,
    get columns() { return process.stderr.columns; },
    write(text: string, cb?: () => void) { io.err(text); cb?.(); return true; },
  };
  let bar: cliProgress.SingleBar | null = null;
  let sweep: { L: number; index: number; count: number } | null = null;
  // Drawn at once when `now` (each L: a few per command), else at most about 5 times a second (cli-progress).
  const show = (value: number, total: number, unit: string, what: string, now = false) => {
    if (bar === null) {
      bar = new cliProgress.SingleBar({
        stream: stream as unknown as NodeJS.WritableStream, format: `${label} [{bar}] {value}/{total} {unit}  {duration_formatted}  {what}`,
        // The cursor stays visible: a computation stopped by Ctrl-C leaves the terminal as it was.
        hideCursor: false, clearOnComplete: true,
      }, cliProgress.Presets.shades_classic);
      bar.start(total, value, { unit, what });
    } else {
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(value, { unit, what });
      if (now) bar.render();
    }
  };
  const part = (e: ProgressEvent) => (e.kind === 'L' ? '' : `${e.kind} ${e.index}/${e.count} (dimension ${e.size})`);
  return {
    onProgress: (e) => {
      if (e.kind === 'L') {
        sweep = { L: e.L, index: e.index, count: e.count };
        show(e.index, e.count, 'L', `computing L = ${e.L}`, true);
      } else if (sweep) {
        show(sweep.index, sweep.count, 'L', `computing L = ${sweep.L}: ${part(e)}`);
      } else {
        show(e.index - 1, e.count, `${e.kind}s`, part(e));
      }
    },
    done: () => { (bar as cliProgress.SingleBar | null)?.stop(); bar = null; },
  };
}
