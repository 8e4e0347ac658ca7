/**
 * What the pane does: each action calls a service, changes the state and renders. One
 * operation runs at a time (staff double-click, and two Excel.run batches interleaving
 * would write marks twice); the progress bar and aria-busy say one is running.
 *
 * Messages: an error or a warning stays until dismissed or until the next action succeeds;
 * a success says only what the page does not already show (the verdict speaks for a check).
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { buildAppendixSheet, columnIndex, SHEET_NAMES } from "../engine/layout";
import type { Finding } from "../engine/types";
import type { Outcome, PaneServices, ReportInput } from "./app";
import { errorText, FETCH_TIMEOUT_MS } from "./messages";
import { byId } from "./dom";
import type { Lang, StringKey } from "./i18n";
import { t, text2 } from "./i18n";
import { rememberLanguage } from "../usecases/language";
import type { CheckSummary, MessageKind, PaneEnv, PaneState, View } from "./model";
import { findingsView, findingWhere, firstMissingCell, firstToFix, itemKey, walkStep } from "./model";
import type { Handlers } from "./view";

export interface PaneContext {
  state: PaneState;
  env: PaneEnv;
  services: PaneServices;
  /** The catalogue the pane started with ("Dùng danh mục quốc gia"). */
  national: Catalogue;
  current: Promise<void>;
  /** Renders the state; `focus` names the control to focus afterwards (its data-focus). */
  render(focus?: string): void;
}

// ---------------------------------------------------------------- progress

function setProgress(ctx: PaneContext, value: number | null, label?: StringKey): void {
  const bar = byId("progress");
  if (!bar) return;
  if (value === null) {
    bar.setAttribute("hidden", "");
    bar.setAttribute("aria-valuenow", "0");
    document.body.removeAttribute("aria-busy");
    return;
  }
  bar.removeAttribute("hidden");
  bar.setAttribute("aria-valuenow", String(Math.round(value)));
  if (label) {
    const text = byId("progress-label");
    if (text) text.textContent = t(ctx.state.lang, label);
  }
  // CSSOM writes are allowed by the page's CSP (inline style attributes are not).
  const inner = byId("progress-fill");
  if (inner) inner.style.width = Math.round(value) + "%";
  document.body.setAttribute("aria-busy", "true");
}

function say(ctx: PaneContext, kind: MessageKind, text: Text2, details?: Text2[]): void {
  ctx.state.message = { kind, text, details };
}

function sayOutcome(ctx: PaneContext, o: Outcome): void {
  say(ctx, o.kind === "warning" ? "warning" : "success", o.text, o.details);
}

/**
 * Runs one operation: busy while it runs, its error shown in words. `work` returns the
 * control to focus afterwards, if any.
 */
function run(ctx: PaneContext, label: StringKey, work: (progress: (v: number) => void) => Promise<string | void>): Promise<void> {
  const state = ctx.state;
  if (state.busy) {
    say(ctx, "info", text2("error.busy"));
    ctx.render();
    return ctx.current;
  }
  state.busy = label;
  setProgress(ctx, 5, label);
  ctx.render();
  ctx.current = (async () => {
    let focus: string | void = undefined;
    try {
      focus = await work((v) => setProgress(ctx, v, label));
      setProgress(ctx, 100, label);
    } catch (e) {
      if (typeof console !== "undefined") console.warn(e);
      say(ctx, "error", errorText(e));
    } finally {
      state.busy = null;
      setProgress(ctx, null);
      ctx.render(focus || undefined);
    }
  })();
  return ctx.current;
}

function guardExcel(ctx: PaneContext): boolean {
  if (ctx.env.inExcel) return true;
  say(ctx, "error", text2("caps.noExcel"));
  ctx.render();
  return false;
}

// ---------------------------------------------------------------- the walk

function findItem(ctx: PaneContext, key: string) {
  const v = findingsView(ctx.state, ctx.env);
  if (!v) return null;
  for (const x of v.walk) if (x.key === key) return { item: x, walk: v.walk };
  return null;
}

/** A summary replaces the last: the walk stays on its finding if that is still there. */
function showSummary(ctx: PaneContext, summary: CheckSummary): void {
  const state = ctx.state;
  state.summary = summary;
  // A file prepared before this check may not hold what the workbook holds now.
  state.sent = null;
  const keys: Record<string, true> = {};
  for (const f of summary.findings) keys[itemKey(f)] = true;
  if (state.cursor && !keys[state.cursor]) state.cursor = null;
  if (state.ignoring && !keys[state.ignoring.key]) state.ignoring = null;
  state.preview = null;
}

/** The first input cell of our Phụ lục 1 (before any check says which cells are empty). */
function firstInputCell(catalogue: Catalogue): { sheet: string; cell: string } {
  const sheet = buildAppendixSheet(catalogue, "PL1", {});
  const rows = sheet.indicatorRows || {};
  let row = Infinity;
  for (const id of Object.keys(rows)) if (rows[id] < row) row = rows[id];
  const col = columnIndex("PL1", "baseline");
  return { sheet: SHEET_NAMES.PL1, cell: colLetters(col) + String((row === Infinity ? 5 : row) + 1) };
}

function colLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------- actions

export function createActions(ctx: PaneContext) {
  const state = ctx.state;
  const services = ctx.services;

  function insert(): void {
    if (!guardExcel(ctx)) return;
    void run(ctx, "progress.insert", async () => {
      sayOutcome(ctx, await services.insertSheets(state.catalogue));
      state.sheetsReady = true;
    });
  }

  function fillSample(): void {
    if (!guardExcel(ctx)) return;
    void run(ctx, "progress.fill", async () => {
      sayOutcome(ctx, await services.fillSample(state.catalogue));
      state.sheetsReady = true;
    });
  }

  function gotoInput(): void {
    if (!guardExcel(ctx)) return;
    const target = firstMissingCell(state.summary) || firstInputCell(state.catalogue);
    void run(ctx, "progress.select", async () => {
      try {
        await services.selectCell(target.sheet, target.cell);
        state.message = null;
      } catch (e) {
        // The usual reason: the sheet is not there yet.
        say(ctx, "warning", state.sheetsReady ? errorText(e) : text2("input.noSheet", { sheet: target.sheet }));
      }
    });
  }

  function check(): void {
    if (!guardExcel(ctx)) return;
    void run(ctx, "progress.check", async (progress) => {
      const summary = await services.check(state.catalogue, state.lang);
      progress(90);
      showSummary(ctx, summary);
      // The verdict says what happened: no message on top of it.
      state.message = null;
    });
  }

  function onLiveResult(summary: CheckSummary): void {
    showSummary(ctx, summary);
    ctx.render();
  }

  function onLiveError(e: unknown): void {
    say(ctx, "error", errorText(e));
    ctx.render();
  }

  function toggleLive(on: boolean): void {
    const liveAvailable = ctx.env.inExcel && ctx.env.missing.indexOf("events") < 0;
    if (!guardExcel(ctx) || on === state.live) return ctx.render();
    if (on && !liveAvailable) {
      say(ctx, "warning", text2("check.liveUnavailable"));
      return ctx.render();
    }
    void run(ctx, "progress.check", async () => {
      if (!on) {
        await services.stopLive();
        state.live = false;
        say(ctx, "info", text2("check.liveStopped"));
      } else {
        await services.startLive(state.catalogue, state.lang, onLiveResult, onLiveError);
        state.live = true;
        say(ctx, "info", text2("check.liveStarted"));
      }
    });
  }

  /** The live check was started with a catalogue and a language: it follows a change of either. */
  function restartLive(): void {
    if (!state.live) return;
    void run(ctx, "progress.check", async () => {
      await services.stopLive();
      state.live = false;
      await services.startLive(state.catalogue, state.lang, onLiveResult, onLiveError);
      state.live = true;
    });
  }

  function clearMarks(): void {
    if (!guardExcel(ctx)) return;
    void run(ctx, "progress.clear", async () => {
      // A live check would bring results straight back: clearing means a clean workbook, so it stops.
      const wasLive = state.live;
      if (wasLive) {
        await services.stopLive();
        state.live = false;
      }
      const outcome = await services.clearMarks(state.lang);
      state.summary = null;
      state.cursor = null;
      state.ignoring = null;
      state.preview = null;
      const stopped = text2("check.liveStopped");
      sayOutcome(ctx, wasLive ? { ...outcome, text: { vi: outcome.text.vi + " " + stopped.vi, en: outcome.text.en + " " + stopped.en } } : outcome);
    });
  }

  // ---------------------------------------------------------------- send to the province

  function setKeepMarks(keep: boolean): void {
    state.keepMarks = keep;
    ctx.render();
  }

  /** "Gửi tỉnh": the file to email, offered once the verdict is ready; its SHA-256 shown. */
  function sendToProvince(): void {
    if (!guardExcel(ctx)) return;
    const send = services.sendToProvince;
    if (!send || !state.summary || !state.summary.verdict.ready) {
      say(ctx, "warning", text2("send.notReady"));
      return ctx.render();
    }
    void run(ctx, "progress.send", async () => {
      state.sent = await send(state.catalogue, state.lang, { keepMarks: state.keepMarks });
      const lost = state.sent.lost || [];
      if (lost.length) say(ctx, "warning", lostText(state.sent.fileName, state.sent.sha256, lost));
      else say(ctx, "success", text2("send.done", { file: state.sent.fileName, sha: state.sent.sha256 }));
      return "send";
    });
  }

  // ---------------------------------------------------------------- findings

  /** Moves the walk to a finding and selects its cell in Excel. */
  function openFinding(key: string, focus?: string): void {
    const found = findItem(ctx, key);
    if (!found) return;
    state.cursor = key;
    const f = found.item.finding;
    if (!found.item.canSelect || !ctx.env.inExcel) return ctx.render(focus || "item:" + key);
    void run(ctx, "progress.select", async () => {
      await services.selectCell(f.sheet, f.cell);
      if (state.message && state.message.kind !== "error" && state.message.kind !== "warning") state.message = null;
      return focus || "item:" + key;
    });
  }

  function move(fromKey: string, delta: number | "first" | "last"): void {
    const v = findingsView(state, ctx.env);
    if (!v || !v.walk.length) return;
    const key = delta === "first" ? v.walk[0].key : delta === "last" ? v.walk[v.walk.length - 1].key : walkStep(v.walk, fromKey, delta);
    if (!key) return;
    state.cursor = key;
    ctx.render("item:" + key);
  }

  function first(): void {
    const v = findingsView(state, ctx.env);
    const x = v ? firstToFix(v.walk) : null;
    if (x) openFinding(x.key, "item:" + x.key);
  }

  function step(delta: number): void {
    const v = findingsView(state, ctx.env);
    if (!v) return;
    const key = walkStep(v.walk, state.cursor, delta);
    // Focus stays on the button pressed, so pressing it again walks on.
    if (key) openFinding(key, delta < 0 ? "prev" : "next");
  }

  function toggle(key: string): void {
    const v = findingsView(state, ctx.env);
    let open: boolean | undefined;
    if (v) {
      if (key === "ignored") open = v.ignoredOpen;
      for (const g of v.groups) {
        if (g.key === key) open = g.open;
        for (const r of g.rules) if (r.key === key) open = r.open;
      }
    }
    state.open[key] = !open;
    // A closed group can no longer hold the walk.
    if (open && state.cursor && v) {
      for (const g of v.groups) for (const r of g.rules) if ((g.key === key || r.key === key) && r.items.some((x) => x.key === state.cursor)) state.cursor = null;
    }
    ctx.render("toggle:" + key);
  }

  function togglePanel(key: string): void {
    state.open[key] = !state.open[key];
    ctx.render();
  }

  // ---------------------------------------------------------------- ignore ("Bỏ qua")

  function ignoreStart(key: string): void {
    state.ignoring = { key, reason: "" };
    ctx.render("reason:" + key);
  }

  function ignoreReason(reason: string): void {
    if (state.ignoring) state.ignoring.reason = reason;
  }

  function ignoreCancel(): void {
    const key = state.ignoring ? state.ignoring.key : "";
    state.ignoring = null;
    ctx.render("ignore:" + key);
  }

  function ignoreConfirm(): void {
    const g = state.ignoring;
    if (!g) return;
    const found = findItem(ctx, g.key);
    if (!found) return ignoreCancel();
    if (!g.reason.replace(/\s+/g, "")) {
      g.refused = true;
      return ctx.render("reason:" + g.key);
    }
    const f = found.item.finding;
    const next = walkStep(found.walk, g.key, 1);
    void run(ctx, "progress.ignore", async () => {
      showSummary(ctx, await services.setAside(state.catalogue, state.lang, f, g.reason));
      state.ignoring = null;
      state.message = { kind: "success", text: { vi: t("vi", "ignore.done", { where: findingWhere(f, "vi") }), en: t("en", "ignore.done", { where: findingWhere(f, "en") }) } };
      // The walk carries on with the next finding.
      if (next && next !== g.key && findItem(ctx, next)) {
        state.cursor = next;
        return "item:" + next;
      }
      state.cursor = null;
      return undefined;
    });
  }

  function restore(key: string): void {
    const s = state.summary;
    const g = s && s.ignored ? s.ignored.filter((x) => itemKey(x.finding) === key)[0] : undefined;
    if (!g || !guardExcel(ctx)) return;
    void run(ctx, "progress.ignore", async () => {
      showSummary(ctx, await services.setAside(state.catalogue, state.lang, g.finding, null));
      state.message = { kind: "success", text: { vi: t("vi", "ignore.restored", { where: findingWhere(g.finding, "vi") }), en: t("en", "ignore.restored", { where: findingWhere(g.finding, "en") }) } };
      state.cursor = key;
      return "item:" + key;
    });
  }

  // ---------------------------------------------------------------- fixes and column roles

  function fixPreview(key: string, findings: Finding[]): void {
    const fixes = services.fixes;
    if (!fixes || !findings.length) return;
    void run(ctx, "progress.fix", async () => {
      state.preview = { key, findings, text: await fixes.preview(findings, state.lang) };
      return "fix-ok:" + key;
    });
  }

  function fixApply(): void {
    const p = state.preview;
    const fixes = services.fixes;
    if (!p || !fixes) return;
    void run(ctx, "progress.fix", async () => {
      showSummary(ctx, await fixes.apply(p.findings, state.catalogue, state.lang));
      state.preview = null;
      state.message = { kind: "success", text: text2("fix.done", { n: p.findings.length }) };
    });
  }

  function fixCancel(): void {
    const key = state.preview ? state.preview.key : "";
    state.preview = null;
    ctx.render(key.indexOf("rule:") === 0 ? "fixall:" + key.slice(5) : "fix:" + key);
  }

  function remap(appendix: "PL1" | "PL2", col: number, role: string): void {
    const setRole = services.setColumnRole;
    const table = state.summary && state.summary.tables ? state.summary.tables.filter((x) => x.appendix === appendix)[0] : undefined;
    if (!setRole || !table) return;
    void run(ctx, "progress.check", async () => {
      showSummary(ctx, await setRole(state.catalogue, state.lang, { appendix, sheet: table.sheet, col, role }));
      state.message = { kind: "success", text: text2("mapping.changed", { letter: colLetters(col) }) };
      return "remap:remap-" + appendix + "-" + col;
    });
  }

  function selectCell(sheet: string, cell: string): void {
    if (!guardExcel(ctx)) return;
    void run(ctx, "progress.select", async () => {
      await services.selectCell(sheet, cell);
    });
  }

  // ---------------------------------------------------------------- the written report

  function crossCheck(input: ReportInput): void {
    if (!guardExcel(ctx)) return;
    if ("text" in input && !input.text.trim()) {
      say(ctx, "warning", text2("report.empty"));
      return ctx.render();
    }
    // Word files need TextDecoder (a modern webview); pasted text works in every Excel.
    if ("file" in input && /\.docx$/i.test(input.file.name) && typeof TextDecoder === "undefined") {
      say(ctx, "warning", text2("report.noDocx"));
      return ctx.render();
    }
    void run(ctx, "progress.report", async () => {
      state.report = await services.crossCheckReport(input, state.catalogue, state.lang);
      state.open.report = true;
      const mismatches = state.report.findings.length;
      say(ctx, mismatches ? "warning" : "success", text2("report.done"));
    });
  }

  // ---------------------------------------------------------------- catalogue

  async function useCatalogueText(textContent: string, source: string): Promise<void> {
    const parsed = await services.parseCatalogue(textContent, source);
    if (!parsed.ok) {
      state.catalogueErrors = parsed.errors;
      state.open.settings = true;
      say(ctx, "error", text2("catalogue.invalid", { source, n: parsed.errors.length }));
      return;
    }
    state.catalogue = parsed.catalogue;
    state.catalogueErrors = null;
    // Results were computed against the previous catalogue.
    state.summary = null;
    state.cursor = null;
    const loaded: Text2 = {
      vi: t("vi", "catalogue.loaded", { title: parsed.catalogue.title.vi, version: parsed.catalogue.version }),
      en: t("en", "catalogue.loaded", { title: parsed.catalogue.title.en, version: parsed.catalogue.version }),
    };
    const warnings = parsed.warnings.map(warningText);
    say(ctx, warnings.length ? "warning" : "success", loaded, warnings.length ? warnings : undefined);
    catalogueChanged = true;
  }

  let catalogueChanged = false;
  function afterCatalogueChange(): void {
    if (!catalogueChanged) return;
    catalogueChanged = false;
    restartLive();
  }

  function loadFromFile(file: File): void {
    void run(ctx, "progress.catalogue", async () => {
      let content: string;
      try {
        content = await services.readFile(file);
      } catch (e) {
        const own = e && typeof e === "object" && (e as { text?: Text2 }).text;
        say(ctx, "error", own ? errorText(e) : text2("catalogue.readFailed", { name: file.name }));
        return;
      }
      await useCatalogueText(content, file.name);
    }).then(afterCatalogueChange);
  }

  function loadFromUrl(raw: string): void {
    const url = raw.trim();
    // Office requires https for everything the pane loads; say so before the browser refuses.
    if (!/^https:\/\//i.test(url)) {
      say(ctx, "error", text2("catalogue.badUrl"));
      return ctx.render();
    }
    void run(ctx, "progress.catalogue", async () => {
      let content: string;
      try {
        content = await services.fetchText(url, FETCH_TIMEOUT_MS);
      } catch (e) {
        const reason = errorText(e);
        say(ctx, "error", { vi: t("vi", "catalogue.fetchFailed", { url, reason: reason.vi }), en: t("en", "catalogue.fetchFailed", { url, reason: reason.en }) });
        return;
      }
      await useCatalogueText(content, url);
    }).then(afterCatalogueChange);
  }

  function useNational(): void {
    const changed = state.catalogue !== ctx.national;
    state.catalogue = ctx.national;
    state.catalogueErrors = null;
    if (changed) {
      state.summary = null;
      state.cursor = null;
    }
    ctx.render();
    if (changed) restartLive();
  }

  // ---------------------------------------------------------------- province

  function consolidate(files: File[]): void {
    if (!guardExcel(ctx)) return;
    if (files.length === 0) {
      say(ctx, "info", text2("province.none"));
      return ctx.render();
    }
    void run(ctx, "progress.consolidate", async (progress) => {
      const p = await services.consolidate(files, state.catalogue, state.lang, (done, total) => progress(5 + (90 * done) / Math.max(1, total)));
      state.province = p;
      const refused = p.refused.length > 0 || p.sheets.length === 0;
      const text = p.sheets.length ? text2("province.done", { n: p.counted, ready: p.ready, notReady: p.notReady.length }) : text2("province.noneRead");
      say(ctx, refused ? "warning" : "success", text, p.refused.length ? p.refused.map((r) => ({ vi: r.file + ": " + r.message.vi, en: r.file + ": " + r.message.en })) : undefined);
    });
  }

  // ---------------------------------------------------------------- language, view, messages

  function setLanguage(lang: Lang): void {
    state.lang = lang;
    rememberLanguage(lang);
    ctx.render();
    restartLive();
  }

  function setView(view: View, focusTab?: boolean): void {
    state.view = view;
    ctx.render();
    if (focusTab) {
      const tab = byId(view === "district" ? "tab-district" : "tab-province");
      if (tab) tab.focus();
    }
  }

  function dismissMessage(): void {
    state.message = null;
    ctx.render();
    const main = byId(state.view === "district" ? "btn-check" : "consolidate-files");
    if (main) main.focus();
  }

  const handlers: Handlers = {
    open: (key) => openFinding(key),
    move,
    toggle,
    first,
    step,
    ignoreStart,
    ignoreReason,
    ignoreConfirm,
    ignoreCancel,
    restore,
    fixPreview,
    fixApply,
    fixCancel,
    selectCell,
    remap,
    dismissMessage,
  };

  return {
    handlers,
    insert,
    fillSample,
    gotoInput,
    check,
    toggleLive,
    clearMarks,
    sendToProvince,
    setKeepMarks,
    crossCheck,
    loadFromFile,
    loadFromUrl,
    useNational,
    consolidate,
    setLanguage,
    setView,
    togglePanel,
  };
}

function warningText(w: unknown): Text2 {
  if (w && typeof w === "object") {
    const o = w as { message?: Text2; path?: string };
    if (o.message && typeof o.message.vi === "string") {
      const prefix = o.path ? o.path + ": " : "";
      return { vi: prefix + o.message.vi, en: prefix + o.message.en };
    }
  }
  if (typeof w === "string") return { vi: w, en: w };
  return errorText(w);
}

/** The parts a copy for the province lacks, named in each language (send.ts names them in English). */
const PART_NAMES_VI: Record<string, string> = { charts: "biểu đồ", "pivot tables": "PivotTable", slicers: "slicer", "form controls": "nút điều khiển trên trang" };

function lostText(file: string, sha: string, lost: string[]): Text2 {
  const vi = lost.map((p) => PART_NAMES_VI[p] || p).join(", ");
  return { vi: t("vi", "send.lost", { file, sha, parts: vi }), en: t("en", "send.lost", { file, sha, parts: lost.join(", ") }) };
}
