/**
 * Tables that fit the terminal. Each column is as wide as its widest cell; when the row is
 * wider than the terminal, the widest column that may give way narrows first, down to its
 * minimum, then the next: a "wrap" column continues on more lines, a "truncate" column is
 * cut with "…". No column is ever dropped. With no width (output piped to a file or a
 * program), nothing is cut.
 */
import { displayWidth, pad, truncate, wrap } from "./width";

export interface Column {
  header: string;
  align?: "left" | "right";
  /** How the column gives way when the table is too wide; absent: it keeps its width. */
  shrink?: "wrap" | "truncate";
  /** The narrowest it may become, in columns (default 8). */
  min?: number;
}

const GAP = "  ";

/** Cell text on one line: line breaks and runs of spaces become one space (no-break spaces hold). */
function oneLine(s: string): string {
  return s.replace(/[ \t\r\n\f\v\u0085\u2028\u2029]+/g, " ").trim();
}

/**
 * Widths that fit `width` columns: the widest shrinkable column loses one column at a
 * time until the row fits or every shrinkable column is at its minimum.
 */
export function fitWidths(natural: number[], columns: Column[], width: number): number[] {
  const widths = natural.slice();
  if (!isFinite(width)) return widths;
  let excess = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1) - width;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const c = columns[i];
      if (!c.shrink || widths[i] <= (c.min ?? 8)) continue;
      if (widest < 0 || widths[i] > widths[widest]) widest = i;
    }
    if (widest < 0) break;
    widths[widest]--;
    excess--;
  }
  return widths;
}

/** The table as lines of text (header, rule, rows), ending with a line break. */
export function renderTable(columns: Column[], rows: string[][], width: number): string {
  const cells = rows.map((r) => columns.map((_, i) => oneLine(r[i] ?? "")));
  const headers = columns.map((c) => oneLine(c.header));
  const natural = columns.map((_, i) => Math.max(displayWidth(headers[i]), ...cells.map((r) => displayWidth(r[i]))));
  const widths = fitWidths(natural, columns, width);
  const lines: string[] = [];
  const emit = (row: string[]) => {
    const parts = row.map((text, i) => (columns[i].shrink === "wrap" ? wrap(text, widths[i]) : [truncate(text, widths[i])]));
    const height = Math.max(...parts.map((p) => p.length));
    for (let k = 0; k < height; k++) {
      // No-break spaces have held words together through the wrapping; they print as spaces.
      lines.push(parts.map((p, i) => pad(p[k] ?? "", widths[i], columns[i].align)).join(GAP).replace(/\u00a0/g, " ").replace(/\s+$/, ""));
    }
  };
  emit(headers);
  lines.push(widths.map((w) => "─".repeat(w)).join(GAP));
  cells.forEach(emit);
  return lines.join("\n") + "\n";
}
