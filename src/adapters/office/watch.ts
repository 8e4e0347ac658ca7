/**
 * Change events of the report sheets (Worksheet.onChanged, ExcelApi 1.7), for the live
 * check: registered in one sync, removed in one. Handlers belong to the context that added
 * them, so the same context removes them.
 */
import { ACTIONS } from "./errors";
import { timed } from "./sync";

export interface SheetChange {
  sheet: string;
  address?: string;
  /** "Remote": a co-author's edit in a shared workbook. */
  source: string;
}

export interface Watch {
  sheets: string[];
  stop(): Promise<void>;
}

export async function watchSheets(context: Excel.RequestContext, names: string[], onChange: (change: SheetChange) => void): Promise<Watch> {
  const regs = names.map((name) =>
    context.workbook.worksheets.getItem(name).onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
      onChange({ sheet: name, address: event.address, source: String(event.source) });
    }),
  );
  await timed(context.sync(), { action: ACTIONS.check });
  return {
    sheets: names,
    stop: async () => {
      for (const r of regs) r.remove();
      await timed(context.sync(), { action: ACTIONS.check });
    },
  };
}
