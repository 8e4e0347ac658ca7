/**
 * Warnings a district has looked at and set aside ("Bỏ qua"), each with its reason. The
 * records live in the workbook (NQ24_Meta, see metadata.ts), so they travel with the file:
 * the next check in Excel, the command line and the province's consolidation all read them,
 * leave those warnings out of the counts and the marks, and list them with their reasons.
 *
 * Only warnings can be set aside: an error stops the report being ready and must be fixed,
 * and information asks nothing of anyone.
 */
import type { Finding } from "./types";

export interface IgnoreRecord {
  code: string;
  sheet: string;
  /** A1 address when the warning was set aside (the record follows its indicator if rows move). */
  cell: string;
  indicatorId?: string;
  /** The value column of a per-value warning ("baseline", "result"…), with indicatorId its stable place. */
  role?: string;
  reason: string;
  /** When it was set aside (ISO time). */
  at: string;
}

export interface IgnoredFinding {
  finding: Finding;
  reason: string;
  at: string;
}

/** A reason longer than this is cut: it is a note for the province, not a report. */
export const MAX_REASON_LENGTH = 500;

export function canIgnore(f: Pick<Finding, "severity">): boolean {
  return f.severity === "warning";
}

function roleOf(f: Finding): string {
  const role = (f.params as { role?: unknown }).role;
  return typeof role === "string" ? role : "";
}

/**
 * What identifies a warning across checks: its rule and its indicator's value column when it
 * has an indicator (rows may be inserted above it), else its sheet and cell.
 */
export function ignoreKey(f: { code: string; sheet: string; cell: string; indicatorId?: string }, role: string): string {
  return f.indicatorId ? `${f.code}|${f.indicatorId}|${role}` : `${f.code}|${f.sheet}!${f.cell}`;
}

export function findingKey(f: Finding): string {
  return ignoreKey(f, roleOf(f));
}

function recordKey(r: IgnoreRecord): string {
  return ignoreKey(r, r.role ?? "");
}

/** The record that sets this warning aside; the reason trimmed and kept short. */
export function ignoreRecordOf(f: Finding, reason: string, at: Date): IgnoreRecord {
  const r: IgnoreRecord = { code: f.code, sheet: f.sheet, cell: f.cell, reason: cleanReason(reason), at: at.toISOString() };
  if (f.indicatorId) r.indicatorId = f.indicatorId;
  const role = roleOf(f);
  if (role) r.role = role;
  return r;
}

export function cleanReason(reason: string): string {
  const one = String(reason).replace(/\s+/g, " ").trim();
  return one.length > MAX_REASON_LENGTH ? one.slice(0, MAX_REASON_LENGTH - 1) + "…" : one;
}

/** `records` with the one for `f` added (or its reason replaced), or taken out when `reason` is null. */
export function withIgnore(records: IgnoreRecord[], f: Finding, reason: string | null, at: Date): IgnoreRecord[] {
  const key = findingKey(f);
  const rest = records.filter((r) => recordKey(r) !== key);
  return reason === null ? rest : rest.concat([ignoreRecordOf(f, reason, at)]);
}

/** The findings split into those still to act on and the warnings set aside, in their order. */
export function applyIgnores(findings: Finding[], records: IgnoreRecord[] | undefined): { active: Finding[]; ignored: IgnoredFinding[] } {
  if (!records || records.length === 0) return { active: findings, ignored: [] };
  const byKey = new Map<string, IgnoreRecord>();
  for (const r of records) if (r.reason) byKey.set(recordKey(r), r);
  const active: Finding[] = [];
  const ignored: IgnoredFinding[] = [];
  for (const f of findings) {
    const r = canIgnore(f) ? byKey.get(findingKey(f)) : undefined;
    if (r) ignored.push({ finding: f, reason: r.reason, at: r.at });
    else active.push(f);
  }
  return { active, ignored };
}
