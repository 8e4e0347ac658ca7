/**
 * Reads the appendix tables out of the seed's plain-text export (a fixture copy),
 * independently of the catalogue, so tests can compare the two.
 *
 * The export writes each table cell as a line beginning with a tab, an empty cell as a
 * lone tab, and separates rows by a completely empty line.
 */
import { readFileSync } from "fs";
import { join } from "path";

export interface SeedRow {
  appendix: "PL1" | "PL2";
  /** Cells of the row, leading tab removed, untrimmed content. */
  cells: string[];
  stt: string;
  label: string;
  /** Value columns: PL1 target, 2013, 2022, note; PL2 2013, 2022, note. */
  target?: string;
  baseline: string;
  result: string;
  note: string;
  isIndicator: boolean;
}

export function readSeedAppendices(file = join(__dirname, "..", "fixtures", "seed-appendices.txt")): SeedRow[] {
  const text = readFileSync(file, "utf8");
  const lines = text.split(/\r?\n/);
  const rows: { appendix: "PL1" | "PL2"; cells: string[] }[] = [];
  let appendix: "PL1" | "PL2" | null = null;
  let current: string[] = [];
  let seenHeader = false;
  const flush = () => {
    if (current.length > 0 && appendix) rows.push({ appendix, cells: current });
    current = [];
  };
  for (const line of lines) {
    if (/^Phụ lục 1\s*$/.test(line)) { flush(); appendix = "PL1"; seenHeader = false; continue; }
    if (/^Phụ lục 2\s*$/.test(line)) { flush(); appendix = "PL2"; seenHeader = false; continue; }
    if (line.startsWith("\t")) {
      current.push(line.slice(1));
    } else if (line.trim() === "") {
      flush();
    } else {
      // A non-cell line (title, footnote) ends any row in progress.
      flush();
    }
    void seenHeader;
  }
  flush();

  const out: SeedRow[] = [];
  for (const r of rows) {
    const [stt = "", label = ""] = r.cells;
    if (stt.trim() === "STT") continue; // header row
    const rest = r.cells.slice(2);
    let target: string | undefined;
    let baseline: string, result: string, note: string;
    if (r.appendix === "PL1") {
      [target = "", baseline = "", result = "", note = ""] = rest;
    } else {
      [baseline = "", result = "", note = ""] = rest;
    }
    out.push({ appendix: r.appendix, cells: r.cells, stt: stt.trim(), label: label.trim(), target, baseline, result, note, isIndicator: false });
  }
  // An indicator row carries a value, a dash or a note, or starts with "-"/"+",
  // and is not a heading over "+" rows.
  for (let i = 0; i < out.length; i++) {
    const r = out[i];
    const carries = [r.target ?? "", r.baseline, r.result, r.note].some((c) => c.trim() !== "");
    const dashed = /^[-+]/.test(r.label);
    const next = out[i + 1];
    const headsPlus = r.label.startsWith("-") && next !== undefined && next.appendix === r.appendix && next.label.startsWith("+");
    r.isIndicator = r.stt === "" && (carries || dashed) && !headsPlus;
  }
  return out;
}
