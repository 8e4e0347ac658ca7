/**
 * A training sample's shape, and the input-cell values it fills: apart from the Lai Châu data
 * (sample.ts), so the Office adapter can fill any sample without bundling that data into the
 * pane's first download.
 */
import type { CoverInfo, FillValues } from "../engine/layout";

/** Cell texts of one row; an empty cell is left out. */
export interface SampleValues {
  /** PL1 only: the target cell ("Mục tiêu đề ra đến 2020"). */
  target?: string;
  baseline?: string;
  result?: string;
  note?: string;
}

export interface CatalogueSample {
  /** Id of the catalogue whose indicator ids key `values`. */
  catalogueId: string;
  cover: CoverInfo;
  values: Record<string, SampleValues>;
  /**
   * Cells the seed fills on heading rows (e.g. "Không có" beside "- Thủy điện"), keyed by
   * heading id: they belong to no indicator but are kept so nothing of the report is lost.
   */
  headingNotes?: Record<string, SampleValues>;
}

/** The sample's baseline/result/note cells (and heading notes) in the shape the template writer fills input cells with. */
export function sampleFillValues(sample: CatalogueSample): FillValues {
  const out: FillValues = {};
  for (const id of Object.keys(sample.values)) {
    const v = sample.values[id];
    const cells: FillValues[string] = {};
    if (v.baseline !== undefined) cells.baseline = v.baseline;
    if (v.result !== undefined) cells.result = v.result;
    if (v.note !== undefined) cells.note = v.note;
    if (Object.keys(cells).length > 0) out[id] = cells;
  }
  // Notes beside "- Thủy điện" and its like go into the heading's own note cell.
  const headingNotes = sample.headingNotes ?? {};
  for (const id of Object.keys(headingNotes)) {
    const note = headingNotes[id].note;
    if (note !== undefined) out[id] = { note };
  }
  return out;
}
