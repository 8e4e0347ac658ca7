/**
 * A message on the results sheet, for the ribbon when there is no pane to show it. The
 * results sheet is the add-in's own (recorded, with its check id); a user sheet of that
 * name is left alone. Sync budget: the sheet list (1), the records with A1:B3 of each sheet
 * (1), the writes (1).
 */
import type { Text2 } from "../../catalogue/types";
import { SHEET_NAMES } from "../../engine/layout";
import { messageSheetLayout, newCheckId } from "../../engine/resultsSheet";
import { actionBytes, sheetNamed, syncInBatches } from "./batch";
import { Capabilities, hostCapabilities } from "./capabilities";
import { readMetadata } from "./clear";
import { ACTIONS } from "./errors";
import { readSheetList } from "./read";
import { metaSheetWrites, metaWrites } from "./records";
import { resultsTarget, resultsWrites } from "./results";

export async function writeMessage(context: Excel.RequestContext, text: Text2, lang: "vi" | "en", opts: { caps?: Capabilities; now?: Date } = {}): Promise<string> {
  const caps = opts.caps ?? hostCapabilities();
  const now = opts.now ?? new Date();
  const sheets = await readSheetList(context, caps);
  const metaExists = sheets.some((s) => s.name === SHEET_NAMES.meta);
  const others = metaExists ? sheets.filter((s) => s.name !== SHEET_NAMES.meta).map((s) => s.name) : [];
  const { meta, rowCount, values } = await readMetadata(context, metaExists, caps, others, true);
  const target = resultsTarget({ sheets, meta, snapshot: values });
  const checkId = newCheckId(now);
  const records = meta.sheets.some((s) => s.name === target.name) ? meta.sheets : meta.sheets.concat([{ name: target.name, role: "results", protectedByAddin: false }]);
  const state = { exists: metaExists, rowCount };
  await syncInBatches(
    context,
    [
      ...metaSheetWrites(context, state, caps, false),
      ...metaWrites(context, { ...meta, sheets: records, run: { ...meta.run, resultsSheet: target.name, resultsSheetId: checkId } }, state),
      ...resultsWrites(context, messageSheetLayout(text, lang, now, checkId), target, caps),
      { bytes: actionBytes(), queue: () => sheetNamed(context, target.name).activate() },
    ],
    caps,
    { action: ACTIONS.write, sheet: target.name },
  );
  return target.name;
}
