/** A CellStyle of the engine (layout.ts) on a range, with what ExcelApi 1.1 offers. */
import type { CellStyle } from "../../engine/layout";
import { actionBytes, NAV_BYTES, pathBytes } from "./batch";

/** Column width: the layouts count characters, the API takes points. */
export function charsToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

const BORDERS = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

export function applyCellStyle(range: Excel.Range, st: CellStyle): void {
  const f = range.format;
  if (st.bold !== undefined) f.font.bold = st.bold;
  if (st.italic !== undefined) f.font.italic = st.italic;
  if (st.size !== undefined) f.font.size = st.size;
  if (st.fontColor) f.font.color = st.fontColor;
  if (st.fill) f.fill.color = st.fill;
  if (st.hAlign) f.horizontalAlignment = st.hAlign === "left" ? "Left" : st.hAlign === "center" ? "Center" : "Right";
  if (st.wrap !== undefined) f.wrapText = st.wrap;
  if (st.border) {
    for (const edge of BORDERS) {
      f.borders.getItem(edge).style = "Continuous";
    }
  }
}

const BORDER_EDGES = BORDERS.length;

/** What applyCellStyle adds to a request: the range, its format and the font/fill/borders it reaches, each set. */
export function styleBytes(address: string, st: CellStyle): number {
  let n = pathBytes(address) + NAV_BYTES;
  const font = [st.bold, st.italic, st.size, st.fontColor].filter((v) => v !== undefined && v !== "").length;
  if (font) n += NAV_BYTES + font * actionBytes("#000000");
  if (st.fill) n += NAV_BYTES + actionBytes(st.fill);
  if (st.hAlign) n += actionBytes("Center");
  if (st.wrap !== undefined) n += actionBytes(true);
  if (st.border) n += NAV_BYTES + BORDER_EDGES * (pathBytes("InsideHorizontal") + actionBytes("Continuous"));
  return n;
}
