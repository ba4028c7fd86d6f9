/** The CLI's only contact with the terminal, injectable so tests capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A transient status line on stderr (only on a TTY); an empty string clears it. */
  progress(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: (text) => {
    if (!process.stderr.isTTY) return;
    process.stderr.write(`\r\x1b[2K${text}`);
  },
};
