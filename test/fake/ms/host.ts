/**
 * The host behind Microsoft's library: it receives each request the library built (object
 * paths and actions, as JSON) and answers it from the workbook model, the way Excel does:
 *   - actions run in order; the first that fails stops the request with an error naming
 *     its action, and what ran before it stays done (Excel does not roll a batch back);
 *   - every member is gated at its ExcelApi set (apiSets.ts), setters and arguments too;
 *   - a request or an answer over the payload limit (5 MB) is refused, and a read of more
 *     than five million cells returns no values;
 *   - a batch sent while the user edits a cell fails, unless it asked to wait;
 *   - ranges kept by Excel.run get reference ids, released by its clean-up request.
 */
import { levelNumber, FakeWorkbook, RequestRecord } from "../workbook";
import type { FSheet } from "../model";
import type { RangeRect } from "../../../src/engine/types";
import type { MemberSets } from "./apiSets";
import { CLASSES, ClassDef, Exec, Handle, HostError } from "./classes";
import type { ActionInfo, ExecutorResponse, ObjectPathInfo, RequestBody, RequestMessage } from "./attach";

const DELAY_FOR_CELL_EDIT = 64;

function camel(name: string): string {
  return name.startsWith("_") ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const utf8 = new TextEncoder();

function bytesOf(x: unknown): number {
  return utf8.encode(JSON.stringify(x)).length;
}

function classOf(h: Handle): ClassDef {
  const def = CLASSES[h.cls];
  if (!def) throw new HostError("HostNotModelled", `The test host does not model ${h.cls}.`);
  return def;
}

/** The clean-up Excel.run sends after the batch: only releases of references. */
function isCleanup(body: RequestBody): boolean {
  const named = body.Actions.filter((a) => a.ActionType !== 1);
  return named.length > 0 && named.every((a) => a.ActionType === 3 && a.Name === "_RemoveReference");
}

export class Host {
  /** Sheets whose onChanged the add-in registered (by worksheet id). */
  readonly registered = new Set<string>();
  readonly refs = new Map<string, Handle>();
  private refSerial = 0;
  /** Called before each of the add-in's requests is carried out, with its number (1 for the first): a user acting in between. */
  beforeRequest: ((n: number) => void) | null = null;
  /** Makes the host refuse an action, as Excel refuses one mid-batch: the n-th call of a member ("NoteCollection.add()"). */
  failOn: { call: string; nth: number; code: string } | null = null;
  /** Calls of each member so far (for failOn). */
  readonly callCounts = new Map<string, number>();

  /** `sets`: the requirement set of every member (apiSets.ts; precomputed for the browser). */
  constructor(
    readonly wb: FakeWorkbook,
    private readonly sets: Map<string, MemberSets>,
  ) {}

  newRef(h: Handle): string {
    const id = `ref${++this.refSerial}`;
    this.refs.set(id, h);
    return id;
  }

  memberSets(cls: string, member: string): MemberSets | undefined {
    return this.sets.get(`${cls}.${member}`);
  }

  async execute(flags: number, message: RequestMessage): Promise<ExecutorResponse> {
    const wb = this.wb;
    const body = message.Body;
    const bytes = bytesOf(body);
    const cleanup = isCleanup(body);
    const record: RequestRecord = { bytes, responseBytes: 0, actions: body.Actions.length, calls: [], flags, cleanup };
    wb.requests.push(record);
    if (!cleanup) {
      wb.syncCount++;
      wb.payloads.push(bytes);
      if (wb.hangNextSync) {
        wb.hangNextSync = false;
        return new Promise<ExecutorResponse>(() => undefined);
      }
    }
    if (wb.cellEditing) {
      if (flags & DELAY_FOR_CELL_EDIT) await wb.notEditing();
      else return this.refuse(record, "InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.", 400);
    }
    if (bytes > wb.payloadLimit) return this.refuse(record, "RequestPayloadSizeLimitExceeded", `The request payload size (${bytes} bytes) has exceeded the limit.`, 413);
    if (!cleanup && this.beforeRequest) this.beforeRequest(wb.syncCount);
    const run = new RequestRun(this, body, record);
    const answer = run.go();
    for (const c of run.changes) wb.fire(c.s, [c.rect]);
    record.responseBytes = bytesOf(answer);
    if (record.responseBytes > wb.payloadLimit) return this.refuse(record, "ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`, 413);
    return { HttpStatusCode: 200, ErrorCode: null, ErrorMessage: null, Headers: {}, Body: answer };
  }

  private refuse(record: RequestRecord, code: string, message: string, status: number): ExecutorResponse {
    record.error = code;
    return { HttpStatusCode: status, ErrorCode: code, ErrorMessage: message, Headers: {}, Body: null };
  }
}

interface ActionResult {
  ActionId: number;
  Value?: unknown;
}

/** One request: its object paths resolved in action order, its actions carried out. */
class RequestRun implements Exec {
  readonly wb: FakeWorkbook;
  readonly changes: { s: FSheet; rect: RangeRect }[] = [];
  private readonly resolved = new Map<number, Handle | null>();
  private readonly kept = new Map<number, string>();
  private readonly results: ActionResult[] = [];
  private readonly traceIds: number[] = [];

  constructor(
    private readonly host: Host,
    private readonly body: RequestBody,
    private readonly record: RequestRecord,
  ) {
    this.wb = host.wb;
  }

  changed(s: FSheet, rect: RangeRect): void {
    this.changes.push({ s, rect: { ...rect } });
  }

  go(): Record<string, unknown> {
    const actions = this.body.Actions;
    for (let i = 0; i < actions.length; i++) {
      try {
        this.act(actions[i]);
      } catch (e) {
        const err = e instanceof HostError ? e : new HostError("GeneralException", e instanceof Error ? e.message : String(e));
        this.record.error = err.code;
        return { Results: this.results, TraceIds: this.traceIds, Error: { Code: err.code, Message: err.message, HttpStatusCode: 400, ActionIndex: i, Location: err.location ?? "" } };
      }
    }
    return { Results: this.results, TraceIds: this.traceIds };
  }

  // ------------------------------------------------------------ gating

  private gate(cls: string, member: string, kind: "get" | "set" | "call", args?: unknown[]): void {
    const call = `${cls}.${member}${kind === "set" ? "=" : kind === "call" ? "()" : ""}`;
    this.record.calls.push(call);
    const n = (this.host.callCounts.get(call) ?? 0) + 1;
    this.host.callCounts.set(call, n);
    const f = this.host.failOn;
    if (f && f.call === call && f.nth === n) throw new HostError(f.code, `The host refused ${call} (number ${n}).`);
    if (member.startsWith("_")) return;
    const sets = this.host.memberSets(cls, member);
    if (!sets) throw new HostError("HostNotModelled", `The test host has no requirement set for ${cls}.${member}.`);
    this.require(kind === "set" ? sets.set : sets.get, `${cls}.${member}${kind === "set" ? " (setting it)" : ""}`);
    if (args && sets.args) {
      sets.args.forEach((need, i) => {
        if (need !== undefined && need !== null && args[i] !== undefined && args[i] !== null) this.require(need, `${cls}.${member} with argument ${i + 1}`);
      });
    }
  }

  private require(need: number, what: string): void {
    const level = this.wb.level;
    if (need > levelNumber(level)) {
      const have = level === "latest" ? "the newest level" : `ExcelApi ${level}`;
      throw new HostError("ApiNotFound", `${what} needs ExcelApi 1.${need}; this Excel supports ${have}.`, what);
    }
  }

  // ------------------------------------------------------------ object paths

  private path(id: number): ObjectPathInfo {
    const p = this.body.ObjectPaths[String(id)];
    if (!p) throw new HostError("InvalidObjectPath", `Object path ${id} is not in the request.`);
    return p;
  }

  private args(info: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] } | undefined): unknown[] {
    const list = info && info.Arguments ? info.Arguments.slice() : [];
    const refs = info && info.ReferencedObjectPathIds;
    if (refs) refs.forEach((r, i) => {
      if (r) list[i] = this.resolve(r);
    });
    return list;
  }

  resolve(id: number): Handle | null {
    if (this.resolved.has(id)) return this.resolved.get(id) as Handle | null;
    const p = this.path(id);
    let h: Handle | null;
    switch (p.ObjectPathType) {
      case 1:
        h = { cls: "Workbook" };
        break;
      case 6: {
        const ref = this.host.refs.get(p.Name);
        if (!ref) throw new HostError("InvalidObjectPath", `The object (reference ${p.Name}) is no longer available.`);
        h = ref;
        break;
      }
      case 7:
        h = null;
        break;
      case 3:
      case 4:
      case 5: {
        const parent = this.resolve(p.ParentObjectPathId as number);
        // Anything reached through a null object is a null object too.
        if (parent === null) {
          h = null;
          break;
        }
        const def = classOf(parent);
        if (p.ObjectPathType === 4) {
          const member = camel(p.Name);
          const nav = def.nav && def.nav[member];
          if (!nav) throw new HostError("HostNotModelled", `The test host does not model ${parent.cls}.${member}.`);
          this.gate(parent.cls, member, "get");
          h = nav(parent, this);
        } else if (p.ObjectPathType === 5) {
          if (!def.indexer) throw new HostError("HostNotModelled", `The test host has no indexer on ${parent.cls}.`);
          const args = this.args(p.ArgumentInfo);
          this.gate(parent.cls, "getItem", "call", args);
          h = def.indexer(parent, args, this);
        } else {
          const member = camel(p.Name);
          const fn = def.objects && def.objects[member];
          if (!fn) throw new HostError("HostNotModelled", `The test host does not model ${parent.cls}.${member}().`);
          const args = this.args(p.ArgumentInfo);
          this.gate(parent.cls, member, "call", args);
          h = fn(parent, args, this);
        }
        break;
      }
      default:
        throw new HostError("HostNotModelled", `Object path type ${p.ObjectPathType} is not modelled.`);
    }
    this.resolved.set(id, h);
    return h;
  }

  // ------------------------------------------------------------ actions

  private act(a: ActionInfo): void {
    switch (a.ActionType) {
      case 1: {
        const h = this.resolve(a.ObjectPathId);
        this.results.push({ ActionId: a.Id, Value: h === null ? null : this.identity(a.ObjectPathId, h) });
        return;
      }
      case 2: {
        const h = this.resolve(a.ObjectPathId);
        const q = a.QueryInfo ?? {};
        this.results.push({ ActionId: a.Id, Value: h === null ? null : this.query(h, q.Select, q.Expand) });
        return;
      }
      case 3: {
        const h = this.resolve(a.ObjectPathId);
        if (h === null) {
          this.results.push({ ActionId: a.Id, Value: null });
          return;
        }
        const member = camel(a.Name);
        const args = this.args(a.ArgumentInfo);
        if (member === "_KeepReference") {
          this.kept.set(a.ObjectPathId, this.host.newRef(h));
        } else if (member === "_RegisterDataChangedEvent") {
          this.host.registered.add(String(h.sheetId));
        } else if (member === "_UnregisterDataChangedEvent") {
          this.host.registered.delete(String(h.sheetId));
        } else if (member === "_RemoveReference") {
          this.host.refs.delete(String(args[0]));
        }
        const def = classOf(h);
        const fn = def.methods && def.methods[member];
        if (!fn) throw new HostError("HostNotModelled", `The test host does not model ${h.cls}.${member}().`);
        this.gate(h.cls, member, "call", args);
        const v = fn(h, args, this);
        this.results.push(v === undefined ? { ActionId: a.Id } : { ActionId: a.Id, Value: v });
        return;
      }
      case 4: {
        const h = this.resolve(a.ObjectPathId);
        if (h === null) throw new HostError("InvalidObjectPath", "The object is a null object.");
        this.setProperty(h, camel(a.Name), (a.ArgumentInfo && a.ArgumentInfo.Arguments ? a.ArgumentInfo.Arguments : [])[0]);
        this.results.push({ ActionId: a.Id });
        return;
      }
      case 5:
        this.traceIds.push(a.Id);
        this.results.push({ ActionId: a.Id, Value: null });
        return;
      case 9: {
        const h = this.resolve(a.ObjectPathId);
        if (h === null) throw new HostError("InvalidObjectPath", "The object is a null object.");
        const state = a.ObjectState ?? {};
        for (const k of Object.keys(state)) this.setProperty(h, camel(k), state[k]);
        this.results.push({ ActionId: a.Id });
        return;
      }
      default:
        throw new HostError("HostNotModelled", `Action type ${a.ActionType} is not modelled.`);
    }
  }

  private setProperty(h: Handle, member: string, value: unknown): void {
    const prop = classOf(h).props?.[member];
    if (!prop || !prop.set) throw new HostError(prop ? "InvalidArgument" : "HostNotModelled", `${h.cls}.${member} cannot be set${prop ? "" : " in the test host"}.`);
    this.gate(h.cls, member, "set");
    prop.set(h, value, this);
  }

  /** What Excel answers to an Instantiate: the object's key, and a reference id for a kept range. */
  private identity(pathId: number, h: Handle): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const def = classOf(h);
    const k = def.key ? def.key(h, this) : undefined;
    if (k) out[k.name] = k.value;
    const ref = this.kept.get(pathId);
    if (ref) out._ReferenceId = ref;
    return out;
  }

  /** Select and Expand paths ("values", "protection/protected", "format/fill/color") → Excel's answer. */
  private query(h: Handle, select?: string[], expand?: string[]): Record<string, unknown> {
    const def = classOf(h);
    if (def.items) {
      const items = def.items(h, this);
      return {
        _Items: items.map((it) => {
          const o = this.project(it, select, expand);
          const k = classOf(it).key?.(it, this);
          if (k && o[k.name] === undefined) o[k.name] = k.value;
          if (k && k.name === "Id") o._Id = k.value;
          return o;
        }),
      };
    }
    return this.project(h, select, expand);
  }

  private project(h: Handle, select?: string[], expand?: string[]): Record<string, unknown> {
    const def = classOf(h);
    const paths = (select ?? []).filter((s) => s !== "" && s !== "items").map((s) => s.replace(/^items\//, ""));
    if (select === undefined || paths.length === 0) {
      for (const name of Object.keys(def.props ?? {})) if (def.props?.[name].get) paths.push(name);
    }
    for (const e of expand ?? []) paths.push(`${e}/`);
    const groups = new Map<string, string[] | null>();
    for (const p of paths) {
      const i = p.indexOf("/");
      const head = i < 0 ? p : p.slice(0, i);
      const rest = i < 0 ? null : p.slice(i + 1);
      if (rest === null) {
        if (!groups.has(head)) groups.set(head, null);
      } else {
        const list = groups.get(head) ?? [];
        if (rest !== "") list.push(rest);
        groups.set(head, list);
      }
    }
    const out: Record<string, unknown> = {};
    groups.forEach((rest, head) => {
      const prop = def.props?.[head];
      const nav = def.nav?.[head];
      if (prop && prop.get && rest === null) {
        this.gate(h.cls, head, "get");
        out[pascal(head)] = prop.get(h, this);
      } else if (nav) {
        this.gate(h.cls, head, "get");
        const child = nav(h, this);
        out[pascal(head)] = child === null ? null : this.query(child, rest && rest.length ? rest : undefined);
      } else {
        throw new HostError(prop ? "InvalidArgument" : "HostNotModelled", `Cannot load '${head}' of ${h.cls}${prop ? "" : " (not modelled by the test host)"}.`);
      }
    });
    return out;
  }
}
