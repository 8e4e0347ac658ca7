/**
 * Collecting findings as a check runs. A finding keeps its rule's code and parameters
 * (plain JSON data), never text: describeFinding (rules/index.ts) makes the text where it
 * is shown, so a batch check of hundreds of districts builds none.
 */
import { a1 } from "./layout";
import type { CellGroupParams, RuleDef } from "./rules/rule";
import type { Finding, FindingParams, ReadCell } from "./types";

export interface Place {
  sheet: string;
  row?: number;
  col?: number;
  indicatorId?: string;
}

/** Where a finding about a read cell points. */
export function placeOf(cell: ReadCell, indicatorId?: string): Place {
  return { sheet: cell.address.sheet, row: cell.address.row, col: cell.address.col, indicatorId: indicatorId ?? cell.indicatorId };
}

export class Findings {
  list: Finding[] = [];
  // Few columns ever group (two rules × a handful of columns): a short list beats string keys.
  private groups: { rule: RuleDef<CellGroupParams>; sheet: string; col: number; role: CellGroupParams["role"]; year: number; cells: ReadCell[] }[] = [];

  /** A finding has its rule's severity: a different severity is a different rule, so a code's letter always says it. */
  add<P extends object>(rule: RuleDef<P>, params: P, where: Place): void {
    const f: Finding = {
      code: rule.code,
      severity: rule.severity,
      sheet: where.sheet,
      cell: where.row !== undefined && where.col !== undefined ? a1(where.row, where.col) : "",
      params: params as unknown as FindingParams,
    };
    if (where.row !== undefined) f.row = where.row;
    if (where.col !== undefined) f.col = where.col;
    if (where.indicatorId) f.indicatorId = where.indicatorId;
    this.list.push(f);
  }

  /** Info about many cells of one column becomes one finding that lists them, at the first. */
  group(rule: RuleDef<CellGroupParams>, role: CellGroupParams["role"], year: number, cell: ReadCell): void {
    const { sheet, col } = cell.address;
    for (const g of this.groups) {
      if (g.rule === rule && g.col === col && g.sheet === sheet) {
        g.cells.push(cell);
        return;
      }
    }
    this.groups.push({ rule, sheet, col, role, year, cells: [cell] });
  }

  flushGroups(): void {
    for (const g of this.groups) {
      const first = g.cells[0].address;
      const params: CellGroupParams = { role: g.role, year: g.year, count: g.cells.length, cells: g.cells.map((c) => a1(c.address.row, c.address.col)) };
      this.add(g.rule, params, { sheet: first.sheet, row: first.row, col: first.col, indicatorId: g.cells.length === 1 ? g.cells[0].indicatorId : undefined });
    }
    this.groups = [];
  }
}
