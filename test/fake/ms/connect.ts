/**
 * Connects a fake workbook to Microsoft's Excel client library, wherever it was loaded
 * (a jsdom window in Node, the page itself in the browser tests): its request contexts
 * answered by the host over the workbook's model, its change events delivered to the
 * handlers the add-in registered.
 */
import { Connector, FakeWorkbook } from "../workbook";
import { supports } from "../office";
import type { Host } from "./host";
import type { AttachOptions, MsLibrary } from "./attach";

const EVENT_WORKSHEET_CHANGED = 10;

export interface MsConnector extends Connector {
  host: Host;
  library: MsLibrary;
}

export function connectWith(wb: FakeWorkbook, host: Host, load: (opts: AttachOptions) => MsLibrary): MsConnector {
  const library = load({
    isSetSupported: (name, version) => supports(wb, name, version),
    displayLanguage: () => wb.displayLanguage,
    executor: { executeAsync: (_customData, flags, message) => host.execute(flags, message) },
  });
  wb.listeners.push((e) => {
    if (!host.registered.has(e.worksheetId)) return;
    const args: Record<string, unknown> = { address: e.address, changeType: e.changeType, source: e.source, worksheetId: e.worksheetId };
    if (e.details) {
      args.valueBefore = e.details.valueBefore;
      args.valueAfter = e.details.valueAfter;
    }
    // Excel delivers events after the change, not inside it.
    setTimeout(() => library.triggerEvent(EVENT_WORKSHEET_CHANGED, e.worksheetId, args), 0);
  });
  return {
    host,
    library,
    run: (fn, options) => (options ? library.Excel.run(options, fn) : library.Excel.run(fn)),
    newContext: () => new library.Excel.RequestContext(),
    excelNamespace: () => library.Excel,
  };
}
