/** Taking the user to a cell or a sheet: one sync each. */
import { ACTIONS } from "./errors";
import { timed } from "./sync";

export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await timed(context.sync(), { action: ACTIONS.select, sheet, cell: address });
}

/** Shows a sheet from its top (the results sheet after a check from the ribbon). */
export async function showSheet(context: Excel.RequestContext, sheet: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange("A1").select();
  await timed(context.sync(), { action: ACTIONS.select, sheet });
}
