/**
 * The pane's view model, without a DOM: the findings tree the way Office's Accessibility
 * Checker shows them (severity → rule with a count → cells, the fix once per rule), the walk
 * that Previous/Next and the arrow keys follow, the verdict, the steps, the table mapping
 * and the status chart — on the Lai Châu sample as the engine checks it, and on small cases.
 */
import { laiChauSample, nationalCatalogue, sampleFillValues } from "../src/catalogue";
import { checkWorkbook } from "../src/engine/check";
import { buildWorkbookTemplate, templateToSnapshot } from "../src/engine/layout";
import { describeFinding } from "../src/engine/rules";
import type { Finding, LocatedTable } from "../src/engine/types";
import type { CheckSummary, PaneEnv, PaneState } from "../src/taskpane/model";
import {
  chartView,
  countText,
  findingsView,
  firstMissingCell,
  initialState,
  itemKey,
  mappingView,
  OPEN_UP_TO,
  paneView,
  quoteSheet,
  stepsView,
  verdictView,
  walkStep,
} from "../src/taskpane/model";

const cat = nationalCatalogue;
const sample = checkWorkbook(templateToSnapshot(buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues())), cat, { now: new Date("2026-05-15T02:30:00Z") });
const summary: CheckSummary = { verdict: sample.plan.verdict, findings: sample.findings, statuses: sample.statuses, ignored: sample.ignored, tables: sample.tables, matches: sample.matches };

const env: PaneEnv = { inExcel: true, missing: [], canFix: () => false, canRemap: false };

function withSummary(s: CheckSummary | null, patch: Partial<PaneState> = {}, lang: "vi" | "en" = "vi"): PaneState {
  return { ...initialState(lang, cat), summary: s, ...patch };
}

describe("findings tree", () => {
  const v = findingsView(withSummary(summary), env)!;

  test("severity → rule → cells, counts adding up to the engine's, errors first", () => {
    expect(v.groups.map((g) => g.severity)).toEqual(["error", "warning", "info"]);
    for (const g of v.groups) {
      expect(g.count).toBe(sample.findings.filter((f) => f.severity === g.severity).length);
      expect(g.rules.reduce((n, r) => n + r.count, 0)).toBe(g.count);
      for (const r of g.rules) {
        expect(r.items.every((x) => x.finding.code === r.code && x.severity === g.severity)).toBe(true);
        // A code's letter says its severity.
        expect(r.code.charAt(5)).toBe({ error: "E", warning: "W", info: "I" }[g.severity]);
      }
    }
    expect(v.walk).toHaveLength(sample.findings.length);
  });

  test("each rule is listed once, with its title and count; its fix is stated once, not per cell", () => {
    const codes = v.groups.flatMap((g) => g.rules.map((r) => r.code));
    expect(new Set(codes).size).toBe(codes.length);
    const missing = v.groups[0].rules.find((r) => r.code === "NQ24-E001")!;
    const engine = sample.findings.filter((f) => f.code === "NQ24-E001");
    expect(missing.count).toBe(engine.length);
    expect(missing.title).toBe("Thiếu số liệu");
    expect(missing.fix).toBe(describeFinding(engine[0], "vi").fix);
    expect(missing.items.every((x) => x.fix === undefined)).toBe(true);
  });

  test("a rule whose fix differs between its cells keeps each cell's own", () => {
    const f1: Finding = { code: "NQ24-W006", severity: "warning", sheet: "Phụ lục 2", cell: "D9", params: { label: "a", role: "baseline", year: 2013, seen: "1.234", readings: [1234, 1.234] } };
    const f2: Finding = { ...f1, cell: "D10", params: { ...f1.params, seen: "2,5", readings: [2.5, 25] } };
    const s: CheckSummary = { ...summary, findings: [f1, f2] };
    const rule = findingsView(withSummary(s), env)!.groups[0].rules[0];
    const fixes = [f1, f2].map((f) => describeFinding(f, "vi").fix);
    if (fixes[0] !== fixes[1]) {
      expect(rule.fix).toBeUndefined();
      expect(rule.items.map((x) => x.fix)).toEqual(fixes);
    } else {
      expect(rule.fix).toBe(fixes[0]);
    }
  });

  test("walk order follows the display: severity, then rule, then cell; indices count from 0", () => {
    expect(v.walk.map((x) => x.index)).toEqual(v.walk.map((_x, i) => i));
    const flat = v.groups.flatMap((g) => g.rules.flatMap((r) => r.items.map((x) => x.key)));
    expect(v.walk.map((x) => x.key)).toEqual(flat);
  });

  test("long rules and the information group start closed; the walk opens what it enters", () => {
    for (const g of v.groups) {
      expect(g.open).toBe(g.severity !== "info");
      for (const r of g.rules) expect(r.open).toBe(r.count <= OPEN_UP_TO);
    }
    const closed = v.groups.flatMap((g) => g.rules).find((r) => !r.open)!;
    const inside = findingsView(withSummary(summary, { cursor: closed.items[0].key }), env)!;
    const rule = inside.groups.flatMap((g) => g.rules).find((r) => r.code === closed.code)!;
    expect(rule.open).toBe(true);
    expect(rule.items[0].current).toBe(true);
  });

  test("each item's accessible name starts with its severity; addresses select only when there is a cell", () => {
    expect(v.walk[0].label.startsWith("Lỗi: ")).toBe(true);
    const warning = v.walk.find((x) => x.severity === "warning")!;
    expect(warning.label.startsWith("Cảnh báo: " + warning.where + " — ")).toBe(true);
    const en = findingsView(withSummary(summary, {}, "en"), env)!;
    expect(en.walk.find((x) => x.severity === "info")!.label).toMatch(/^Note: /);
    expect(v.walk.filter((x) => !x.canSelect).every((x) => !x.finding.cell)).toBe(true);
  });

  test("only warnings can be ignored, and only in Excel", () => {
    expect(v.walk.filter((x) => x.canIgnore).every((x) => x.severity === "warning")).toBe(true);
    expect(v.walk.some((x) => x.canIgnore)).toBe(true);
    const outside = findingsView(withSummary(summary), { ...env, inExcel: false })!;
    expect(outside.walk.some((x) => x.canIgnore)).toBe(false);
  });

  test("one-click fixes appear per cell and per rule (\"Sửa tất cả (n)\") only when a fix service has them", () => {
    expect(v.walk.some((x) => x.canFix)).toBe(false);
    const fixEnv = { ...env, canFix: (f: Finding) => f.code === "NQ24-E001" };
    const fixed = findingsView(withSummary(summary), fixEnv)!;
    const rule = fixed.groups[0].rules.find((r) => r.code === "NQ24-E001")!;
    expect(rule.fixable).toBe(rule.count);
    expect(rule.items.every((x) => x.canFix)).toBe(true);
    expect(fixed.groups[0].rules.filter((r) => r.code !== "NQ24-E001").every((r) => r.fixable === 0)).toBe(true);
  });

  test("counts name the ignored warnings too; English says 1 error, 2 errors", () => {
    const ignored = { finding: v.walk.find((x) => x.severity === "warning")!.finding, reason: "đã báo Sở", at: "2026-01-01T00:00:00Z" };
    const s2 = { ...summary, ignored: [ignored] };
    const w = findingsView(withSummary(s2), env)!;
    expect(w.countsText).toBe(`${summary.verdict.counts.error} lỗi · ${summary.verdict.counts.warning} cảnh báo · ${summary.verdict.counts.info} thông tin · 1 đã bỏ qua`);
    expect(w.ignored.map((x) => x.reason)).toEqual(["đã báo Sở"]);
    expect(countText("en", "error", 1)).toBe("1 error");
    expect(countText("en", "error", 2)).toBe("2 errors");
    expect(countText("vi", "warning", 1)).toBe("1 cảnh báo");
  });
});

describe("the walk", () => {
  const walk = ["a", "b", "c"].map((key) => ({ key }));
  test("Next and Previous wrap around; with nothing chosen they start at either end", () => {
    expect(walkStep(walk, null, 1)).toBe("a");
    expect(walkStep(walk, null, -1)).toBe("c");
    expect(walkStep(walk, "a", 1)).toBe("b");
    expect(walkStep(walk, "c", 1)).toBe("a");
    expect(walkStep(walk, "a", -1)).toBe("c");
    expect(walkStep([], "a", 1)).toBeNull();
  });
});

describe("verdict", () => {
  test("not ready, with counts, the way to the first error and where the walk is", () => {
    const state = withSummary(summary);
    const fv = findingsView(state, env)!;
    const v = verdictView(state, fv)!;
    expect(v.ready).toBe(false);
    expect(v.title).toBe("Chưa sẵn sàng gửi");
    expect(v.first!.label).toBe("Đi tới lỗi đầu tiên");
    expect(v.first!.key).toBe(fv.walk[0].key);
    expect(v.position).toBeNull();
    const third = withSummary(summary, { cursor: fv.walk[2].key });
    expect(verdictView(third, findingsView(third, env))!.position).toBe(`3/${fv.walk.length}`);
  });

  test("without errors it goes to the first warning; English words", () => {
    const warnings = summary.findings.filter((f) => f.severity !== "error");
    const s = { ...summary, findings: warnings, verdict: { ...summary.verdict, ready: true } };
    const state = withSummary(s, {}, "en");
    const v = verdictView(state, findingsView(state, env))!;
    expect(v.title).toBe("Ready to send");
    expect(v.first!.label).toBe("Go to the first warning");
    expect(v.time).toMatch(/^Checked at \d{4}-\d\d-\d\d \d\d:\d\d · catalogue /);
  });

  test("no check yet: no verdict, no findings, no chart", () => {
    const view = paneView(withSummary(null), env);
    expect([view.verdict, view.findings, view.chart, view.mapping]).toEqual([null, null, null, null]);
  });
});

describe("steps", () => {
  test("insert → enter → check & send, the first not done is current", () => {
    expect(stepsView(withSummary(null)).map((s) => s.state)).toEqual(["current", "upcoming", "upcoming"]);
    expect(stepsView(withSummary(null, { sheetsReady: true })).map((s) => s.state)).toEqual(["done", "current", "upcoming"]);
    // The sample leaves values missing: entering is still the step to do.
    expect(stepsView(withSummary(summary)).map((s) => s.state)).toEqual(["done", "current", "upcoming"]);
    const clean = { ...summary, findings: summary.findings.filter((f) => f.severity === "info"), verdict: { ...summary.verdict, ready: true } };
    expect(stepsView(withSummary(clean)).map((s) => s.state)).toEqual(["done", "done", "done"]);
  });

  test("\"Đi tới ô cần nhập\" goes to the first value the check found missing", () => {
    const first = summary.findings.find((f) => f.code === "NQ24-E001" || f.code === "NQ24-W001")!;
    expect(firstMissingCell(summary)).toEqual({ sheet: first.sheet, cell: first.cell });
    expect(firstMissingCell(null)).toBeNull();
  });
});

describe("mapping", () => {
  test("says where each appendix was read and which column holds which year", () => {
    const m = mappingView(withSummary(summary))!;
    expect(m.map((x) => x.appendix)).toEqual(["PL1", "PL2"]);
    const pl1 = sample.tables.find((t) => t.appendix === "PL1")!;
    const letter = (c: number | undefined) => String.fromCharCode(65 + (c as number));
    expect(m[0].text).toContain(`Phụ lục 1: 'Phụ lục 1'!`);
    expect(m[0].text).toContain(`${letter(pl1.columns.baseline)}: 2013`);
    expect(m[0].text).toContain(`${letter(pl1.columns.result)}: 2022`);
    expect(m[0].text).toContain(`${letter(pl1.columns.target)}: mục tiêu 2020`);
    expect(m[0].text).toContain(`${letter(pl1.columns.note)}: ghi chú`);
    expect(m[0].missing).toEqual([]);
  });

  test("another province's layout: 'PL01'!A5:F40 — D: 2013, E: 2022, F: ghi chú; a column not found is said", () => {
    const table: LocatedTable = { appendix: "PL1", sheet: "PL01", headerRow: 4, columns: { stt: 0, label: 1, unit: 2, baseline: 3, result: 4, note: 5 }, years: { baseline: 2013, result: 2022 }, ownTemplate: false };
    const s: CheckSummary = { ...summary, tables: [table], matches: [{ indicatorId: "PL1-01", sheet: "PL01", row: 39, confidence: 0.9, by: "label", labelSeen: "x" }] };
    const m = mappingView(withSummary(s))!;
    expect(m[0].text).toBe("Phụ lục 1: 'PL01'!A5:F40 — D: 2013, E: 2022, F: ghi chú — chưa thấy cột: mục tiêu 2020");
    expect(m[1].text).toBe("Phụ lục 2: không tìm thấy bảng");
    expect(quoteSheet("PL01")).toBe("'PL01'");
    expect(quoteSheet("Phụ lục 1")).toBe("'Phụ lục 1'");
    expect(quoteSheet("O'Brien")).toBe("'O''Brien'");
  });
});

describe("status chart", () => {
  const c = chartView(withSummary(summary))!;

  test("no bar for \"no target\": a sentence says how many; the bars cover the rest", () => {
    expect(c.pl1.map((b) => b.key)).toEqual(["achieved", "exceeded", "notAchieved", "noData", "notApplicable"]);
    const pl1 = sample.statuses.filter((s) => s.appendix === "PL1");
    const noTarget = pl1.filter((s) => s.status === "noTarget").length;
    expect(c.pl1.reduce((n, b) => n + b.count, 0)).toBe(pl1.length - noTarget);
    expect(noTarget).toBeGreaterThan(0);
    expect(c.noTargetNote).toBe(`${noTarget} chỉ tiêu không đặt mục tiêu (không tính ở đây).`);
  });

  test("names each target not met, with the cell to go to", () => {
    const unmet = sample.statuses.filter((s) => s.appendix === "PL1" && s.status === "notAchieved");
    expect(c.unmet.map((u) => u.indicatorId)).toEqual(unmet.map((s) => s.indicatorId));
    expect(c.unmet.length).toBe(c.pl1.find((b) => b.key === "notAchieved")!.count);
    for (const u of c.unmet) {
      const ind = cat.rows.find((r) => r.id === u.indicatorId) as { labelVi: string };
      expect(u.label).toBe(ind.labelVi);
      const r = sample.readings[u.indicatorId].result!;
      expect(u.sheet).toBe(r.address.sheet);
      expect(u.cell).toBe(String.fromCharCode(65 + r.address.col) + (r.address.row + 1));
      expect(u.detail).toMatch(/mục tiêu|Theo ghi chú/);
    }
  });

  test("one sentence for screen readers names every bar", () => {
    for (const b of c.pl1.concat(c.pl2)) expect(c.summary).toContain(b.label + " " + b.count);
  });
});

describe("keys", () => {
  test("a finding keeps its key across checks (rule, indicator, column and cell)", () => {
    const again = checkWorkbook(templateToSnapshot(buildWorkbookTemplate(cat, laiChauSample.cover, sampleFillValues())), cat, { now: new Date() });
    expect(again.findings.map(itemKey)).toEqual(sample.findings.map(itemKey));
    expect(new Set(sample.findings.map(itemKey)).size).toBe(sample.findings.length);
  });
});
