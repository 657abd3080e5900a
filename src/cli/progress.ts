// Progress for long CLI work: a bar redrawn in place on a terminal, a line every few seconds
// otherwise (logs, CI), so a run that takes more than a few seconds always shows it is alive.

export interface CliProgress {
  /** done: units finished so far (of total when known); detail: a short status text. */
  update(done: number, detail?: string): void;
  /** Ends the bar and prints the summary line. */
  done(summary: string): void;
}

export interface CliProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Minimum seconds between lines when not on a terminal. */
  readonly lineEverySeconds?: number;
  readonly now?: () => number;
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function makeCliProgress(label: string, total?: number, opts: CliProgressOptions = {}): CliProgress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const every = (opts.lineEverySeconds ?? 5) * 1000;
  const started = now();
  let lastLine = started;
  let lastDraw = 0;

  const text = (done: number, detail?: string): string => {
    const elapsed = formatDuration(now() - started);
    const count = total ? `${done}/${total}` : `${done}`;
    return `${label}: ${count}${detail ? ` ${detail}` : ''} (${elapsed})`;
  };

  return {
    update(done, detail) {
      const t = now();
      if (tty) {
        if (t - lastDraw < 100) return;
        lastDraw = t;
        const width = 30;
        const frac = total ? Math.min(1, done / total) : 0;
        const bar = total
          ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${Math.floor(frac * 100)}% `
          : '';
        stream.write(`\r\x1b[K${bar}${text(done, detail)}`);
      } else if (t - lastLine >= every) {
        lastLine = t;
        stream.write(`${text(done, detail)}\n`);
      }
    },
    done(summary) {
      if (tty) stream.write('\r\x1b[K');
      stream.write(`${label}: ${summary} (${formatDuration(now() - started)})\n`);
    },
  };
}
