/** A one-line progress bar on stderr; a plain line per tenth when stderr is not a terminal. */
export function progressBar(label: string): { update(done: number, total: number, extra?: string): void; finish(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total, extra = '') {
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const width = 28;
        const filled = Math.round(frac * width);
        process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${extra}   `);
        drawn = true;
      } else {
        const tenth = Math.floor(frac * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          process.stderr.write(`${label}: ${done}/${total} ${extra}\n`);
        }
      }
    },
    finish() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}
