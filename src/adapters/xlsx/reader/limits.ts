/**
 * Per-file limits, enforced while reading so that one file never sinks the rest of a
 * province's run: bytes inflated (counted, not as declared), cells, merged areas, an
 * estimate of the memory the snapshot takes, and time. Past any of them the file is
 * refused by name with a message that says which.
 */
import { XlsxError } from "../errors";
import { DEFAULT_LIMITS, type XlsxLimits } from "../guard";
import { fileMessages } from "./messages";

const MB = 1024 * 1024;

/**
 * Bytes a cell costs in the process, measured: five slots, a boxed number, its shown text,
 * row arrays' spare room and the collector's headroom (2.4 million cells: about 700 MB RSS).
 */
export const CELL_COST = 200;

export class ReadBudget {
  inflated = 0;
  cells = 0;
  merges = 0;
  mergedRows = 0;
  /** Characters held in strings (shared strings, texts). */
  chars = 0;
  private readonly deadline: number;
  private ticks = 0;

  constructor(readonly file: string, readonly limits: Required<XlsxLimits> = fullLimits()) {
    this.deadline = Date.now() + this.limits.maxMillis;
  }

  private fail(code: "zipBomb" | "limit" | "timeout", m: { vi: string; en: string }): never {
    throw new XlsxError(code, this.file, m.vi, m.en);
  }

  /** After each inflated chunk: total bytes, one part's ratio, memory, time. */
  charge(part: string, produced: number, consumed: number): void {
    const l = this.limits;
    if (this.inflated > l.maxInflatedBytes) this.fail("zipBomb", fileMessages.bombInflated(l.maxInflatedBytes));
    // Spreadsheet XML compresses 5 to 50 times (a few hundred at most); a part past 64 MB at 500 to 1 is a bomb.
    if (produced > 64 * MB && produced > consumed * 500) this.fail("zipBomb", fileMessages.bombRatio(part, produced));
    this.time();
  }

  /** Called every few thousand cells and once per part. */
  time(): void {
    if (Date.now() > this.deadline) this.fail("timeout", fileMessages.tooSlow(Math.round(this.limits.maxMillis / 1000)));
  }

  cell(): void {
    if (++this.cells > this.limits.maxCells) this.fail("limit", fileMessages.tooManyCells(this.limits.maxCells));
    if ((++this.ticks & 0x3fff) === 0) {
      this.memory();
      this.time();
    }
  }

  merge(rowCount: number): void {
    this.merges++;
    this.mergedRows += rowCount;
    if (this.merges > this.limits.maxMerges || this.mergedRows > this.limits.maxMergedRows) this.fail("limit", fileMessages.tooManyMerges(this.limits.maxMerges));
  }

  text(chars: number): void {
    this.chars += chars;
  }

  /** Something too big to hold (an endless text run in a part). */
  tooBig(): never {
    return this.fail("limit", fileMessages.tooMuchMemory(Math.round(this.limits.maxMemoryBytes / MB)));
  }

  memory(): void {
    const estimate = this.cells * CELL_COST + this.chars * 2;
    if (estimate > this.limits.maxMemoryBytes) this.fail("limit", fileMessages.tooMuchMemory(Math.round(this.limits.maxMemoryBytes / MB)));
  }
}

export const READ_DEFAULTS = {
  maxInflatedBytes: 1024 * MB,
  maxCells: 6_000_000,
  maxMerges: 100_000,
  maxMergedRows: 2_000_000,
  maxMemoryBytes: 640 * MB,
  maxMillis: 60_000,
};

export function fullLimits(limits: XlsxLimits = DEFAULT_LIMITS): Required<XlsxLimits> {
  return { ...READ_DEFAULTS, ...DEFAULT_LIMITS, ...limits } as Required<XlsxLimits>;
}
