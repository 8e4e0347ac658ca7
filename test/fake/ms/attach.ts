/**
 * Microsoft's Excel client library (`excel-web-16.00.js` of @microsoft/office-js, pinned),
 * already evaluated in a window (jsdom in Node, the page in the browser tests), with every
 * request context it creates sending its requests to an executor of ours instead of to
 * Excel. Requests are built, batched and measured by Microsoft's code; "property not
 * loaded" and host errors are raised by it.
 *
 * The hook is internal to the library (`context._requestExecutor`): the version is pinned
 * and test/fake.test.ts proves the hook still works.
 */

export const LIBRARY_VERSION = "1.1.110";

/** The answer an executor gives: the library reads HttpStatusCode, ErrorCode and Body. */
export interface ExecutorResponse {
  HttpStatusCode: number;
  ErrorCode?: string | null;
  ErrorMessage?: string | null;
  Headers?: Record<string, string> | null;
  Body: unknown;
}

export interface RequestMessage {
  Url: string;
  Headers: Record<string, string> | null;
  Body: RequestBody;
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
  AutoKeepReference?: boolean;
}

export interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
  ObjectState?: Record<string, unknown>;
}

export interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

/** Arguments of an action or a path; an object argument is given by its path id. */
export interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: number[];
}

export interface Executor {
  executeAsync(customData: unknown, requestFlags: number, requestMessage: RequestMessage): Promise<ExecutorResponse>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the library's own objects, untyped */
export interface MsLibrary {
  window: any;
  Excel: any;
  OfficeExtension: any;
  /** Delivers an event (Worksheet.onChanged: type 10) to the handlers the add-in registered. */
  triggerEvent(eventType: number, targetId: string, args: unknown): void;
  close(): void;
}

export interface AttachOptions {
  isSetSupported: (name: string, version?: string) => boolean;
  displayLanguage: () => string;
  executor: Executor;
}

/** Points the library in window `w` at our executor and requirement sets; returns its handles. */
export function attachLibrary(w: any, opts: AttachOptions, close: () => void = () => undefined): MsLibrary {
  // The library asks `window.Office.context.requirements` which sets exist (its own Office
  // object only answers inside a host): ours answers for the fake workbook's level.
  w.Office = {
    context: {
      requirements: { isSetSupported: opts.isSetSupported },
      get displayLanguage() {
        return opts.displayLanguage();
      },
    },
  };
  const Excel = w.Excel;
  const OfficeExtension = w.OfficeExtension;
  const Original = Excel.RequestContext;
  function RequestContext(this: unknown, info?: unknown): unknown {
    const ctx = new Original(info);
    ctx._requestExecutor = opts.executor;
    return ctx;
  }
  RequestContext.prototype = Original.prototype;
  Excel.RequestContext = RequestContext;
  // Excel.run releases the ranges it tracked in one more request; wait for it, so a test
  // reads the workbook only after everything the run sent.
  OfficeExtension.Utility._synchronousCleanup = true;
  // Event registration waits for the host's message channel; here it is ready at once.
  OfficeExtension._testSetRichApiMessageReadyImpl(() => Promise.resolve());
  installNotes(w);
  return {
    window: w,
    Excel,
    OfficeExtension,
    triggerEvent(eventType, targetId, args) {
      OfficeExtension._testTriggerRichApiMessageEvent({
        entries: [{ messageCategory: 65536, messageType: eventType, targetId, message: JSON.stringify(args) }],
      });
    },
    close,
  };
}

/**
 * Notes (ExcelApi 1.18) came after this version of the library: Note and NoteCollection
 * are added here the way the library defines Comment and CommentCollection, through its
 * own helpers, so their requests are still built by Microsoft's code.
 */
function installNotes(w: any): void {
  const OE = w.OfficeExtension;
  const Excel = w.Excel;
  const H = OE.BatchApiHelper;
  const U = OE.Utility;
  const ClientObject = OE.ClientObject;

  class Note extends ClientObject {
    [k: string]: any;
    get _className(): string {
      return "Note";
    }
    get _scalarPropertyNames(): string[] {
      return ["content", "authorName"];
    }
    get _scalarPropertyOriginalNames(): string[] {
      return ["Content", "AuthorName"];
    }
    get _scalarPropertyUpdateable(): boolean[] {
      return [true, false];
    }
    get content(): string {
      U.throwIfNotLoaded("content", this._C, "Note", this._isNull);
      return this._C;
    }
    set content(value: string) {
      this._C = value;
      H.invokeSetProperty(this, "Content", value, 0);
    }
    get authorName(): string {
      U.throwIfNotLoaded("authorName", this._A, "Note", this._isNull);
      return this._A;
    }
    delete(): void {
      H.invokeMethod(this, "Delete", 0, [], 0, 0);
    }
    getLocation(): any {
      return H.createMethodObject(Excel.Range, this, "GetLocation", 1, [], false, false, null, 4);
    }
    load(options?: unknown): any {
      return U.load(this, options);
    }
    _handleResult(value: any): void {
      super._handleResult(value);
      if (value === null || value === undefined) return;
      U.fixObjectPathIfNecessary(this, value);
      if (value.Content !== undefined) this._C = value.Content;
      if (value.AuthorName !== undefined) this._A = value.AuthorName;
    }
    _handleIdResult(value: any): void {
      super._handleIdResult(value);
    }
  }

  class NoteCollection extends ClientObject {
    [k: string]: any;
    get _className(): string {
      return "NoteCollection";
    }
    get _isCollection(): boolean {
      return true;
    }
    get items(): any[] {
      U.throwIfNotLoaded("items", this.m__items, "NoteCollection", this._isNull);
      return this.m__items;
    }
    add(cellAddress: unknown, content: string): any {
      return H.createMethodObject(Note, this, "Add", 0, [cellAddress, content], false, true, null, 0);
    }
    getCount(): any {
      return H.invokeMethod(this, "GetCount", 1, [], 4, 0);
    }
    getItem(key: string): any {
      return H.createIndexerObject(Note, this, [key]);
    }
    getItemAt(index: number): any {
      return H.createMethodObject(Note, this, "GetItemAt", 1, [index], false, false, null, 4);
    }
    getItemOrNullObject(key: string): any {
      return H.createMethodObject(Note, this, "GetItemOrNullObject", 1, [key], false, false, null, 4);
    }
    load(options?: unknown): any {
      return U.load(this, options);
    }
    _handleResult(value: any): void {
      super._handleResult(value);
      if (value === null || value === undefined) return;
      U.fixObjectPathIfNecessary(this, value);
      if (value._Items) {
        this.m__items = value._Items.map((data: unknown, i: number) => {
          const item = H.createChildItemObject(Note, true, this, data, i);
          item._handleResult(data);
          return item;
        });
      }
    }
  }

  Excel.Note = Note;
  Excel.NoteCollection = NoteCollection;
  for (const proto of [Excel.Worksheet.prototype, Excel.Workbook.prototype]) {
    Object.defineProperty(proto, "notes", {
      configurable: true,
      get(this: any) {
        if (!this._Notes) this._Notes = H.createPropertyObject(NoteCollection, this, "Notes", true, 4);
        return this._Notes;
      },
    });
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
