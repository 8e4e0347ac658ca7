/**
 * NQ24_Meta, the add-in's records, as writes for the batch runner. Rows are written in
 * place and only then are rows beyond the new end cleared: a batch that stops half way
 * leaves the old records or the new ones, never a gap (Excel does not roll a batch back).
 */
import { SHEET_NAMES } from "../../engine/layout";
import { AddinMetadata, encodeMetadata, META_WIDTH } from "../../engine/metadata";
import { a1, rangeA1 } from "./a1";
import { actionBytes, pathBytes, sheetNamed, textBlockBytes, Write, writeRange } from "./batch";
import type { Capabilities } from "./capabilities";

/** Column of the metadata sheet that holds the format copies ("vault"), right of the records. */
export const VAULT_COL = META_WIDTH + 1;

/** Where a sheet the check had to create itself explains what it is (it cannot hide it: see metaSheetWrites). */
const NOTICE_CELL = a1(0, VAULT_COL + 2);
const NOTICE = "Hồ sơ của phần bổ trợ NQ24 (dùng để xóa đúng các đánh dấu) — xin đừng sửa. / Records of the NQ24 add-in (so Clear removes exactly its marks) — please do not edit.";

const ROWS_PER_WRITE = 150;

export interface MetaState {
  exists: boolean;
  /** Rows the sheet holds now, so a shorter set of records clears the rest. */
  rowCount: number;
}

/**
 * Creates NQ24_Meta when it is missing. Insert hides it (ExcelApi 1.2); a check or a clear
 * never does, because changing a sheet's visibility is one of the calls that empty Excel's
 * undo history: the sheet then stays visible, saying what it is, until the next Insert.
 */
export function metaSheetWrites(context: Excel.RequestContext, state: MetaState, caps: Capabilities, hide: boolean): Write[] {
  if (state.exists) return [];
  return [
    {
      bytes: pathBytes(SHEET_NAMES.meta) + textBlockBytes(NOTICE_CELL, [[NOTICE]], "") + actionBytes("Hidden"),
      queue: () => {
        const ws = context.workbook.worksheets.add(SHEET_NAMES.meta);
        if (hide && caps.sheetVisibility) ws.visibility = "Hidden";
        else writeRange(context, ws, NOTICE_CELL).values = [[NOTICE]];
      },
    },
  ];
}

/** The records, written over the old ones; the rows left over after them cleared. */
export function metaWrites(context: Excel.RequestContext, meta: AddinMetadata, state: MetaState): Write[] {
  const rows = encodeMetadata(meta);
  const ws = () => sheetNamed(context, SHEET_NAMES.meta);
  const writes: Write[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
    const part = rows.slice(i, i + ROWS_PER_WRITE);
    const formats = part.map((r) => r.map(() => "@"));
    writes.push({
      bytes: textBlockBytes("A1:H1", part, formats),
      queue: () => {
        const block = writeRange(context, ws(), rangeA1({ row: i, col: 0, rowCount: part.length, colCount: META_WIDTH }));
        // Text format first, so no record is ever read back as a number, date or formula.
        block.numberFormat = formats;
        block.values = part;
      },
    });
  }
  if (state.exists && state.rowCount > rows.length) {
    writes.push({
      bytes: pathBytes("A1:H1") + actionBytes(["Contents"]),
      queue: () => writeRange(context, ws(), `A${rows.length + 1}:${a1(state.rowCount - 1, META_WIDTH - 1)}`).clear("Contents"),
    });
  }
  return writes;
}

/** One mark's format copy: the marked cell's formats, taken before the mark paints it. */
export function vaultCopyWrite(context: Excel.RequestContext, vault: string, sheet: string, cell: string): Write {
  const source = `'${sheet.replace(/'/g, "''")}'!${cell}`;
  return {
    bytes: pathBytes(vault) + actionBytes([source, "Formats", null, null]),
    queue: () => writeRange(context, sheetNamed(context, SHEET_NAMES.meta), vault).copyFrom(source, "Formats"),
  };
}
