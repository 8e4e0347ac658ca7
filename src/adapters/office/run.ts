/**
 * Excel.run with the options a user action wants:
 *   - delayForCellEdit: a batch that arrives while the user is typing in a cell waits for
 *     the edit to end instead of failing (the live check runs while people type);
 *   - mergeUndoGroup (ExcelApi 1.20): the syncs of a check or a clear undo as one step.
 * One Excel.run per user action; the functions below it take the RequestContext.
 */
import type { Capabilities } from "./capabilities";

export interface ExcelRunOptions {
  delayForCellEdit?: boolean;
  mergeUndoGroup?: boolean;
}

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: ExcelRunOptions) => Promise<T>;

/** "read": reads only (nothing to undo); "write": the action changes the workbook. */
export function runOptions(caps: Capabilities, kind: "read" | "write"): ExcelRunOptions {
  const options: ExcelRunOptions = { delayForCellEdit: true };
  if (kind === "write" && caps.undoGroups) options.mergeUndoGroup = true;
  return options;
}

/** Office's own Excel.run. */
export const excelRun: ExcelRun = (batch, options) => (options ? Excel.run(options as Excel.RunOptions, batch) : Excel.run(batch));
