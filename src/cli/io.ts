/**
 * What the command line writes to and learns from its surroundings, in one object so
 * tests run every command in-process with their own streams, width, clock and environment.
 */

export const EXIT = { ready: 0, errors: 1, usage: 2 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: progress is redrawn in place instead of printed as lines. */
  errIsTTY: boolean;
  /** Width tables and text fit in; Infinity when stdout is not a terminal (nothing is cut). */
  columns: number;
  /** Width of the terminal stderr writes to, for the progress line. */
  errColumns?: number;
  /** The environment (language variables); absent: none, so tests do not depend on the machine's. */
  env?: Record<string, string | undefined>;
  /** Milliseconds, for progress rates; Date.now by default. */
  now?: () => number;
}

/**
 * The width output is fitted to. COLUMNS, when set to a number, wins (as GNU tools do);
 * then the terminal's width; when stdout is not a terminal, none: a file or a pipe gets
 * every character.
 */
export function outputColumns(env: Record<string, string | undefined>, stdout: { isTTY?: boolean; columns?: number }): number {
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  if (stdout.isTTY) return stdout.columns && stdout.columns > 0 ? stdout.columns : 80;
  return Infinity;
}

export function processIo(): Io {
  return {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    errIsTTY: !!process.stderr.isTTY,
    columns: outputColumns(process.env, process.stdout),
    errColumns: process.stderr.columns || 80,
    env: process.env,
    now: () => Date.now(),
  };
}
