/**
 * Progress of a long run (consolidating many files) on stderr: done/total, files per
 * second and the time left. On a terminal one line redrawn in place (at most ten times a
 * second); otherwise a plain line every tenth of the way, for logs. Nothing below five
 * files, nothing at all under --json (the caller does not ask).
 */
import type { Lang } from "../usecases/language";
import { truncate } from "./width";

export interface ProgressSample {
  done: number;
  total: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

/** "38 giây", "2 phút 05 giây", "1 giờ 02 phút" / "38 s", "2 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const u = lang === "en" ? { h: "h", m: "min", s: "s" } : { h: "giờ", m: "phút", s: "giây" };
  if (h > 0) return `${h} ${u.h} ${two(m)} ${u.m}`;
  if (m > 0) return `${m} ${u.m} ${two(sec)} ${u.s}`;
  return `${sec} ${u.s}`;
}

/** Files per second so far, or undefined before there is anything to go on. */
export function rate(p: ProgressSample): number | undefined {
  return p.done > 0 && p.elapsedMs > 0 ? p.done / (p.elapsedMs / 1000) : undefined;
}

/**
 * Time left at the rate so far. None until two files are done and half a second has
 * passed: the first files include start-up and would promise too much or too little.
 */
export function timeLeftMs(p: ProgressSample): number | undefined {
  const r = rate(p);
  if (r === undefined || p.done < 2 || p.elapsedMs < 500) return undefined;
  return ((p.total - p.done) / r) * 1000;
}

function formatRate(r: number, lang: Lang): string {
  const n = r >= 100 ? Math.round(r).toString() : r.toFixed(1);
  return lang === "en" ? `${n} files/s` : `${n.replace(".", ",")} file/giây`;
}

/**
 * "120/700 (17%) · 15,3 file/giây · còn khoảng 38 giây"; when done, the time it took
 * instead of the time left.
 */
export function progressText(p: ProgressSample, lang: Lang): string {
  const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  const parts = [`${p.done}/${p.total} (${pct}%)`];
  const r = rate(p);
  if (r !== undefined && p.elapsedMs >= 500) parts.push(formatRate(r, lang));
  if (p.done >= p.total) parts.push(lang === "en" ? `took ${formatDuration(p.elapsedMs, lang)}` : `mất ${formatDuration(p.elapsedMs, lang)}`);
  else {
    const left = timeLeftMs(p);
    if (left !== undefined && left < 1000) parts.push(lang === "en" ? "almost done" : "sắp xong");
    else if (left !== undefined) parts.push(lang === "en" ? `about ${formatDuration(left, lang)} left` : `còn khoảng ${formatDuration(left, lang)}`);
  }
  return parts.join(" · ");
}

/** A bar of `width` cells, filled by the share done. */
export function bar(done: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return "█".repeat(filled) + "░".repeat(width - filled);
}

export interface ProgressSink {
  err: (s: string) => void;
  /** stderr is a terminal: redraw one line in place. */
  errIsTTY: boolean;
  /** Width of the terminal stderr writes to. */
  errColumns?: number;
  now?: () => number;
}

/** Fewer files than this finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 5;

/** A callback for the use case's onProgress(done, total, file). */
export function progressReporter(sink: ProgressSink, lang: Lang): (done: number, total: number, file: string) => void {
  const now = sink.now ?? (() => Date.now());
  const start = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  return (done, total, file) => {
    if (total < PROGRESS_MIN_FILES) return;
    const t = now();
    const sample = { done, total, elapsedMs: t - start };
    const finished = done >= total;
    if (sink.errIsTTY) {
      if (!finished && t - lastDraw < 100) return;
      lastDraw = t;
      const line = `[${bar(done, total)}] ${progressText(sample, lang)}${finished ? "" : "  " + file}`;
      sink.err(`\r${truncate(line, Math.max(20, (sink.errColumns ?? 80) - 1))}\x1b[K${finished ? "\n" : ""}`);
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth === lastTenth && !finished) return;
    lastTenth = tenth;
    sink.err(`${lang === "en" ? "read" : "đã đọc"} ${progressText(sample, lang)}\n`);
  };
}
