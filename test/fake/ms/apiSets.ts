/**
 * The ExcelApi requirement set of every member of every Excel class, read from the
 * `[Api set: …]` tags of @types/office-js (pinned with the project). The test host gates
 * each getter, setter, method and method argument at its set, as a host at that level
 * would refuse it.
 */
import { readFileSync } from "fs";

export interface MemberSets {
  /** Reading (a property) or calling (a method). Infinity: not in ExcelApi (ExcelApiOnline, preview…). */
  get: number;
  /** Writing a property. */
  set: number;
  /** Per argument position, when an argument came later than the method (getUsedRange(valuesOnly) …). */
  args?: (number | undefined)[];
  method: boolean;
}

/** "1.18" → 18 (the minor number orders ExcelApi versions; all are 1.x). */
export function minor(version: string): number {
  const m = /^1\.(\d+)$/.exec(version.trim());
  return m ? Number(m[1]) : Infinity;
}

/**
 * "[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]", "[Api set: ExcelApi
 * 1.1 for get, 1.8 for set]", "[Api set: ExcelApi 1.2 for options; 1.7 for password]"…
 */
function parseTag(tag: string): { first: number; set?: number; clauses: { version: number; what: string }[] } | null {
  const m = /\[Api set: ExcelApi ([^\]]+)\]/.exec(tag);
  if (!m) return /\[Api set: /.test(tag) ? { first: Infinity, clauses: [] } : null;
  const body = m[1];
  const versions = Array.from(body.matchAll(/(1\.\d+)(?:\s+(?:for|requires|allows)\s+([^;,.]*))?/g)).map((x) => ({ version: minor(x[1]), what: (x[2] ?? "").toLowerCase() }));
  if (versions.length === 0) return { first: Infinity, clauses: [] };
  const setClause = versions.find((v) => /\bset/.test(v.what) && !/^get/.test(v.what));
  return { first: versions[0].version, set: setClause ? setClause.version : undefined, clauses: versions };
}

let cache: Map<string, MemberSets> | null = null;

/** "Range.values" → sets. Keys use the TypeScript (camelCase) member names. */
export function excelApiSets(): Map<string, MemberSets> {
  if (cache) return cache;
  const dts = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
  const start = dts.indexOf("\ndeclare namespace Excel {");
  const end = dts.indexOf("\ndeclare namespace", start + 10);
  const lines = dts.slice(start, end).split("\n");
  const out = new Map<string, MemberSets>();
  let cls: string | null = null;
  let doc: string[] = [];
  let inDoc = false;
  for (const line of lines) {
    const classStart = /^ {4}class (\w+)\b.*\{\s*$/.exec(line);
    if (classStart) {
      cls = classStart[1];
      doc = [];
      continue;
    }
    if (cls && /^ {4}\}/.test(line)) {
      cls = null;
      continue;
    }
    if (!cls) continue;
    if (/^ {8}\/\*\*/.test(line)) {
      inDoc = !/\*\/\s*$/.test(line);
      doc = [line];
      continue;
    }
    if (inDoc) {
      doc.push(line);
      if (/\*\/\s*$/.test(line)) inDoc = false;
      continue;
    }
    const member = /^ {8}(?:readonly\s+)?(\w+)(\??)(\s*[:(<])/.exec(line);
    if (!member) continue;
    const name = member[1];
    const text = doc.join("\n");
    doc = [];
    const remark = parseTag(text.split("@param")[0]);
    if (!remark) continue;
    const isMethod = member[3].trim() !== ":";
    const key = `${cls}.${name}`;
    const sets: MemberSets = { get: remark.first, set: remark.set ?? remark.first, method: isMethod };
    if (isMethod) {
      // Overloads repeat the name: keep the lowest level any of them needs.
      const params = text.split("@param").slice(1);
      const args = params.map((p) => {
        const t = parseTag(p);
        return t && t.first !== remark.first ? t.first : undefined;
      });
      if (args.some((a) => a !== undefined)) sets.args = args;
      // "[Api set: ExcelApi 1.2 for options; 1.7 for password]": the later clauses name arguments.
      const paramNames = params.map((p) => (/^\s*(\w+)/.exec(p) ?? ["", ""])[1].toLowerCase());
      for (const c of remark.clauses.slice(1)) {
        const i = paramNames.findIndex((n) => n && c.what.indexOf(n) >= 0);
        if (i >= 0) {
          sets.args = sets.args ?? [];
          sets.args[i] = c.version;
        }
      }
    }
    const prev = out.get(key);
    if (!prev || sets.get < prev.get) out.set(key, sets);
  }
  cache = out;
  return out;
}
