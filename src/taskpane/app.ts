/**
 * The task pane's behaviour, independent of Office.js: it talks to the workbook only
 * through `PaneServices` (built from the office use cases in taskpane.ts), so it can be
 * driven in jsdom with stand-ins.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { periodsOf, periodYears } from "../catalogue/periods";
import type { Finding, IndicatorStatus, Verdict } from "../engine/types";
import { byId, el, fill } from "./dom";
import type { Lang, StringKey } from "./i18n";
import { applyI18n, otherLanguage, pick, t, text2 } from "./i18n";
import type { CatalogueErrorItem, MessageKind } from "./view";
import {
  countBySeverity,
  renderCapabilities,
  renderCatalogueErrors,
  renderCatalogueInfo,
  renderFindings,
  renderMessage,
  renderStatusChart,
  renderVerdict,
} from "./view";

export interface CheckSummary {
  verdict: Verdict;
  findings: Finding[];
  statuses: IndicatorStatus[];
}

export type ParsedCatalogue =
  | { ok: true; catalogue: Catalogue; warnings: unknown[] }
  | { ok: false; errors: CatalogueErrorItem[] };

export type InsertMode = "rename" | "repair";

/** What the pane can ask of the workbook and the outside world. */
export interface PaneServices {
  /** null when not running inside Excel; otherwise what this Excel lacks (empty: nothing). */
  missingCapabilities(): Text2[] | null;
  insertSheets(catalogue: Catalogue, mode: InsertMode): Promise<Text2 | void>;
  fillSample(catalogue: Catalogue): Promise<Text2 | void>;
  check(catalogue: Catalogue, lang: Lang): Promise<CheckSummary>;
  clearMarks(): Promise<Text2 | void>;
  selectCell(sheet: string, address: string): Promise<void>;
  startLive(catalogue: Catalogue, lang: Lang, onResult: (s: CheckSummary) => void, onError: (e: unknown) => void): Promise<void>;
  stopLive(): Promise<void>;
  consolidate(files: File[], catalogue: Catalogue, lang: Lang, onProgress: (done: number, total: number) => void): Promise<Text2 | void>;
  parseCatalogue(text: string, source: string): ParsedCatalogue;
  fetchText(url: string, timeoutMs: number): Promise<string>;
  readFile(file: File): Promise<string>;
}

/** Stable element ids of taskpane.html. */
export const IDS = {
  langSwitch: "lang-toggle",
  message: "message",
  progress: "progress",
  progressLabel: "progress-label",
  progressFill: "progress-fill",
  capabilities: "capabilities",
  capabilitiesList: "capabilities-list",
  catalogueInfo: "catalogue-info",
  catalogueFile: "catalogue-file",
  catalogueUrl: "catalogue-url",
  catalogueUrlLoad: "catalogue-url-load",
  catalogueNational: "catalogue-national",
  catalogueErrors: "catalogue-errors",
  insert: "btn-insert",
  repair: "btn-repair",
  fillSample: "btn-sample",
  check: "btn-check",
  live: "live-toggle",
  clearMarks: "btn-clear",
  verdict: "verdict",
  statusChart: "status-chart",
  findings: "findings",
  findingsCounts: "findings-counts",
  consolidateFiles: "consolidate-files",
  consolidateResult: "consolidate-result",
} as const;

/** Where an error's words come from: AddinError carries {vi, en}; anything else is shown raw. */
export function errorText(e: unknown): Text2 {
  if (e && typeof e === "object") {
    const o = e as { text?: Text2; message2?: Text2; vi?: unknown; en?: unknown; message?: unknown };
    if (o.text && typeof o.text.vi === "string") return o.text;
    if (o.message2 && typeof o.message2.vi === "string") return o.message2;
    if (typeof o.vi === "string" && typeof o.en === "string") return { vi: o.vi, en: o.en };
    if (typeof o.message === "string" && o.message) return text2("error.unexpected", { detail: o.message });
  }
  return text2("error.unexpected", { detail: String(e) });
}

export const FETCH_TIMEOUT_MS = 15000;

interface State {
  lang: Lang;
  catalogue: Catalogue;
  catalogueErrors: CatalogueErrorItem[] | null;
  summary: CheckSummary | null;
  message: { kind: MessageKind; text: Text2; details?: Text2[] } | null;
  live: boolean;
  busy: boolean;
  consolidated: Text2 | null;
}

export interface Pane {
  readonly state: Readonly<State>;
  setLanguage(lang: Lang): void;
  render(): void;
  /** Resolves when the current operation (if any) has finished. */
  idle(): Promise<void>;
}

export function createPane(services: PaneServices, initial: { lang: Lang; catalogue: Catalogue }): Pane {
  const state: State = {
    lang: initial.lang,
    catalogue: initial.catalogue,
    catalogueErrors: null,
    summary: null,
    message: null,
    live: false,
    busy: false,
    consolidated: null,
  };
  const missingCaps = services.missingCapabilities();
  const inExcel = missingCaps !== null;
  let current: Promise<void> = Promise.resolve();

  // ------------------------------------------------------------ rendering

  function setMessage(kind: MessageKind, text: Text2, details?: Text2[]): void {
    state.message = { kind, text, details };
    renderMessageRegion();
  }

  function renderMessageRegion(): void {
    const region = byId(IDS.message);
    if (!region) return;
    const m = state.message;
    fill(region, m ? [renderMessage(m.kind, m.text, state.lang, m.details)] : []);
  }

  function onSelectFinding(f: Finding): void {
    void run("progress.select", async () => {
      await services.selectCell(f.sheet, f.cell);
      setMessage("info", text2("findings.selected", { where: f.sheet + "!" + f.cell }));
    });
  }

  function renderResults(): void {
    const s = state.summary;
    const counts = byId(IDS.findingsCounts);
    if (counts) fill(counts, s ? [findingCountsText(s.findings, state.lang)] : []);
    const verdict = byId(IDS.verdict);
    if (verdict) fill(verdict, [s ? renderVerdict(s.verdict, state.lang) : el("p", { class: "not-yet" }, [t(state.lang, "check.notYet")])]);
    const chart = byId(IDS.statusChart);
    if (chart) fill(chart, [s ? renderStatusChart(s.statuses, state.lang, periodYears(periodsOf(state.catalogue))) : el("p", { class: "not-yet" }, [t(state.lang, "check.notYet")])]);
    const findings = byId(IDS.findings);
    if (!findings) return;
    // A live re-check or a language switch rebuilds the list: a keyboard user keeps their place.
    const active = document.activeElement;
    const focused = active && findings.contains(active) ? { sheet: active.getAttribute("data-sheet"), cell: active.getAttribute("data-cell") } : null;
    fill(findings, s ? [renderFindings(s.findings, state.lang, onSelectFinding)] : []);
    if (focused) {
      const buttons = findings.querySelectorAll("button.finding");
      for (let i = 0; i < buttons.length; i++) {
        const b = buttons[i] as HTMLElement;
        if (b.getAttribute("data-sheet") === focused.sheet && b.getAttribute("data-cell") === focused.cell) {
          b.focus();
          break;
        }
      }
    }
  }

  function renderCatalogue(): void {
    const info = byId(IDS.catalogueInfo);
    if (info) fill(info, renderCatalogueInfo(state.catalogue, state.lang));
    const errors = byId(IDS.catalogueErrors);
    if (errors) {
      fill(errors, state.catalogueErrors ? [renderCatalogueErrors(state.catalogueErrors, state.lang)] : []);
      toggleHidden(errors, !state.catalogueErrors);
    }
  }

  function renderLive(): void {
    const box = byId<HTMLInputElement>(IDS.live);
    if (box) box.checked = state.live;
  }

  function renderConsolidation(): void {
    const node = byId(IDS.consolidateResult);
    if (node) fill(node, state.consolidated ? [el("p", undefined, [pick(state.consolidated, state.lang)])] : []);
  }

  function render(): void {
    document.documentElement.setAttribute("lang", state.lang === "vi" ? "vi" : "en");
    applyI18n(document, state.lang);
    const sw = byId(IDS.langSwitch);
    if (sw) {
      sw.textContent = t(state.lang, "lang.switch");
      // A title, not an aria-label: the accessible name must contain the visible word.
      sw.setAttribute("title", t(state.lang, "lang.switchLabel"));
      sw.setAttribute("lang", otherLanguage(state.lang));
    }
    const caps = byId(IDS.capabilities);
    const capsList = byId(IDS.capabilitiesList);
    if (caps && capsList) {
      fill(capsList, [renderCapabilities(missingCaps, state.lang)]);
      // The notice is only for something the user should know: a gap, or no Excel at all.
      toggleHidden(caps, missingCaps !== null && missingCaps.length === 0);
    }
    renderCatalogue();
    renderLive();
    renderResults();
    renderConsolidation();
    renderMessageRegion();
  }

  // ------------------------------------------------------------ progress and errors

  function setProgress(value: number | null, label?: StringKey): void {
    const bar = byId(IDS.progress);
    if (!bar) return;
    if (value === null) {
      bar.setAttribute("hidden", "");
      bar.setAttribute("aria-valuenow", "0");
      document.body.removeAttribute("aria-busy");
      return;
    }
    bar.removeAttribute("hidden");
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", String(Math.round(value)));
    if (label) {
      bar.setAttribute("aria-label", t(state.lang, label));
      const text = byId(IDS.progressLabel);
      if (text) text.textContent = t(state.lang, label);
    }
    // CSSOM writes are allowed by the page's CSP (inline style attributes are not).
    const inner = byId(IDS.progressFill);
    if (inner) inner.style.width = Math.round(value) + "%";
    document.body.setAttribute("aria-busy", "true");
  }

  /**
   * One operation at a time: staff double-click, and two Excel.run batches interleaving
   * would write marks twice. Buttons stay focusable (aria-disabled, not disabled) so a
   * keyboard user keeps their place.
   */
  function run(label: StringKey, work: (progress: (v: number) => void) => Promise<void>): Promise<void> {
    if (state.busy) {
      setMessage("info", text2("error.busy"));
      return current;
    }
    state.busy = true;
    setBusyButtons(true);
    setProgress(5, label);
    current = (async () => {
      try {
        await work((v) => setProgress(v, label));
        setProgress(100, label);
      } catch (e) {
        setMessage("error", errorText(e));
      } finally {
        state.busy = false;
        setBusyButtons(false);
        setProgress(null);
      }
    })();
    return current;
  }

  const actionIds = [IDS.insert, IDS.repair, IDS.fillSample, IDS.check, IDS.live, IDS.clearMarks];
  function setBusyButtons(busy: boolean): void {
    for (const id of actionIds) {
      const b = byId(id);
      if (!b) continue;
      if (busy || !inExcel) b.setAttribute("aria-disabled", "true");
      else b.removeAttribute("aria-disabled");
    }
  }

  // ------------------------------------------------------------ actions

  function guardExcel(): boolean {
    if (inExcel) return true;
    setMessage("error", text2("caps.noExcel"));
    return false;
  }

  function insert(mode: InsertMode): void {
    if (!guardExcel()) return;
    void run("progress.insert", async () => {
      const result = await services.insertSheets(state.catalogue, mode);
      setMessage("success", result || text2(mode === "repair" ? "sheets.repaired" : "sheets.inserted", { sheets: "" }));
    });
  }

  function fillSampleAction(): void {
    if (!guardExcel()) return;
    void run("progress.fill", async () => {
      const result = await services.fillSample(state.catalogue);
      setMessage("success", result || text2("sheets.filled"));
    });
  }

  function showSummary(summary: CheckSummary): void {
    state.summary = summary;
    renderResults();
  }

  function check(): void {
    if (!guardExcel()) return;
    void run("progress.check", async (progress) => {
      const summary = await services.check(state.catalogue, state.lang);
      progress(90);
      showSummary(summary);
      setMessage(summary.verdict.ready ? "success" : "info", text2("check.done", { n: summary.findings.length }));
    });
  }

  function toggleLive(on: boolean): void {
    if (!guardExcel() || on === state.live) {
      renderLive();
      return;
    }
    void run("progress.check", async () => {
      if (!on) {
        await services.stopLive();
        state.live = false;
        setMessage("info", text2("check.liveStopped"));
      } else {
        await services.startLive(state.catalogue, state.lang, showSummary, (e) => setMessage("error", errorText(e)));
        state.live = true;
        setMessage("info", text2("check.liveStarted"));
      }
    }).then(renderLive);
  }

  function clearMarks(): void {
    if (!guardExcel()) return;
    void run("progress.clear", async () => {
      // A live check would put the marks straight back on the next edit (or on the
      // clear's own writes): clearing means the user wants a clean workbook, so it stops.
      const wasLive = state.live;
      if (wasLive) {
        await services.stopLive();
        state.live = false;
      }
      const result = await services.clearMarks();
      state.summary = null;
      renderResults();
      const done = result || text2("marks.cleared");
      const stopped = text2("check.liveStopped");
      setMessage("success", wasLive ? { vi: done.vi + " " + stopped.vi, en: done.en + " " + stopped.en } : done);
    }).then(renderLive);
  }

  function useCatalogueText(textContent: string, source: string): void {
    const parsed = services.parseCatalogue(textContent, source);
    if (!parsed.ok) {
      state.catalogueErrors = parsed.errors;
      renderCatalogue();
      setMessage("error", text2("catalogue.invalid", { source, n: parsed.errors.length }));
      return;
    }
    state.catalogue = parsed.catalogue;
    pendingLiveRestart = true;
    state.catalogueErrors = null;
    // Results were computed against the previous catalogue.
    state.summary = null;
    renderCatalogue();
    renderResults();
    const loaded: Text2 = {
      vi: t("vi", "catalogue.loaded", { title: parsed.catalogue.title.vi, version: parsed.catalogue.version }),
      en: t("en", "catalogue.loaded", { title: parsed.catalogue.title.en, version: parsed.catalogue.version }),
    };
    const warnings = parsed.warnings.map(warningText);
    setMessage("success", loaded, warnings.length ? warnings : undefined);
  }

  function loadFromFile(file: File): void {
    void run("progress.catalogue", async () => {
      let content: string;
      try {
        content = await services.readFile(file);
      } catch (e) {
        const own = e && typeof e === "object" && (e as { text?: Text2 }).text;
        setMessage("error", own ? errorText(e) : text2("catalogue.readFailed", { name: file.name }));
        return;
      }
      useCatalogueText(content, file.name);
    }).then(afterCatalogueChange);
  }

  function loadFromUrl(raw: string): void {
    const url = raw.trim();
    // Office requires https for everything the pane loads; say so before the browser refuses.
    if (!/^https:\/\//i.test(url)) {
      setMessage("error", text2("catalogue.badUrl"));
      return;
    }
    void run("progress.catalogue", async () => {
      let content: string;
      try {
        content = await services.fetchText(url, FETCH_TIMEOUT_MS);
      } catch (e) {
        const reason = errorText(e);
        setMessage("error", {
          vi: t("vi", "catalogue.fetchFailed", { url, reason: reason.vi }),
          en: t("en", "catalogue.fetchFailed", { url, reason: reason.en }),
        });
        return;
      }
      useCatalogueText(content, url);
    }).then(afterCatalogueChange);
  }

  function consolidate(files: File[]): void {
    if (!guardExcel()) return;
    if (files.length === 0) {
      setMessage("info", text2("consolidate.none"));
      return;
    }
    void run("progress.consolidate", async (progress) => {
      const result = await services.consolidate(files, state.catalogue, state.lang, (done, total) =>
        progress(5 + (90 * done) / Math.max(1, total)),
      );
      const done = result || text2("consolidate.done", { n: files.length });
      state.consolidated = done;
      renderConsolidation();
      setMessage("success", done);
    });
  }

  function setLanguage(lang: Lang): void {
    state.lang = lang;
    render();
    restartLive();
  }

  let pendingLiveRestart = false;
  function afterCatalogueChange(): void {
    if (!pendingLiveRestart) return;
    pendingLiveRestart = false;
    restartLive();
  }

  /** The live check was started with a catalogue and a language: follow a change of either. */
  function restartLive(): void {
    if (!state.live) return;
    void run("progress.check", async () => {
      await services.stopLive();
      state.live = false;
      await services.startLive(state.catalogue, state.lang, showSummary, (e) => setMessage("error", errorText(e)));
      state.live = true;
    }).then(renderLive);
  }

  // ------------------------------------------------------------ wiring

  function onClick(id: string, action: () => void): void {
    const node = byId(id);
    if (node) node.addEventListener("click", () => action());
  }

  onClick(IDS.langSwitch, () => setLanguage(otherLanguage(state.lang)));
  onClick(IDS.insert, () => insert("rename"));
  onClick(IDS.repair, () => insert("repair"));
  onClick(IDS.fillSample, fillSampleAction);
  onClick(IDS.check, check);
  const liveBox = byId<HTMLInputElement>(IDS.live);
  if (liveBox) liveBox.addEventListener("change", () => toggleLive(liveBox.checked));
  onClick(IDS.clearMarks, clearMarks);
  onClick(IDS.catalogueNational, () => {
    const changed = state.catalogue !== initial.catalogue;
    state.catalogue = initial.catalogue;
    state.catalogueErrors = null;
    state.summary = null;
    render();
    if (changed) restartLive();
  });

  const fileInput = byId<HTMLInputElement>(IDS.catalogueFile);
  if (fileInput) {
    fileInput.addEventListener("change", () => {
      const file = fileInput.files && fileInput.files[0];
      if (file) loadFromFile(file);
      // Picking the same file again after fixing it must fire change again.
      fileInput.value = "";
    });
  }
  const urlInput = byId<HTMLInputElement>(IDS.catalogueUrl);
  onClick(IDS.catalogueUrlLoad, () => loadFromUrl(urlInput ? urlInput.value : ""));
  if (urlInput) {
    urlInput.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        ev.preventDefault();
        loadFromUrl(urlInput.value);
      }
    });
  }
  const consolidateInput = byId<HTMLInputElement>(IDS.consolidateFiles);
  if (consolidateInput) {
    consolidateInput.addEventListener("change", () => {
      const files: File[] = [];
      const list = consolidateInput.files;
      if (list) for (let i = 0; i < list.length; i++) files.push(list[i]);
      consolidate(files);
      consolidateInput.value = "";
    });
  }

  setBusyButtons(false);
  setProgress(null);
  render();

  return {
    state,
    setLanguage,
    render,
    idle: () => current,
  };
}

function toggleHidden(node: HTMLElement, hidden: boolean): void {
  if (hidden) node.setAttribute("hidden", "");
  else node.removeAttribute("hidden");
}

function findingCountsText(findings: Finding[], lang: Lang): string {
  const c = countBySeverity(findings);
  return [
    c.error + " " + t(lang, "severity.error").toLowerCase(),
    c.warning + " " + t(lang, "severity.warning").toLowerCase(),
    c.info + " " + t(lang, "severity.info").toLowerCase(),
  ].join(" · ");
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


