/**
 * Progress on stderr for long runs on a terminal: files done / total, files per second, ETA.
 * Silent for the first second (short runs print nothing), redrawn at most 10 times a second
 * on one line, and cleared before anything else is printed. Never used on a pipe.
 */
export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly delayMs = 1000,
  ) {}

  update = (done: number, total: number): void => {
    const now = performance.now();
    const elapsed = now - this.started;
    if (elapsed < this.delayMs || (now - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = now;
    const rate = done / (elapsed / 1000);
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    this.out.write(`\r\x1b[K${progressLine(done, total, rate, eta)}`);
    this.shown = true;
  };

  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}

export function progressLine(done: number, total: number, filesPerSecond: number, etaSeconds: number): string {
  const pct = total ? Math.floor((100 * done) / total) : 100;
  return `gocodemod: ${done}/${total} files (${pct}%), ${Math.round(filesPerSecond)} files/s, ETA ${formatSeconds(etaSeconds)}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s - m * 60)).padStart(2, '0')}s`;
}
