/**
 * The task pane, independent of Office.js: it talks to the workbook only through
 * `PaneServices` (built from the office use cases in taskpane.ts), so it runs in jsdom and
 * in the browser tests against stand-ins.
 *
 * Three parts: the state and its view model (model.ts), state-to-DOM rendering (render.ts,
 * view.ts), and the actions that call the services and change the state (actions.ts).
 * createPane only puts them together and wires the page's static controls.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import type { Finding } from "../engine/types";
import type { ReportCrossCheck } from "../usecases/report";
import { createActions, type PaneContext } from "./actions";
import { byId } from "./dom";
import type { Lang } from "./i18n";
import { otherLanguage } from "./i18n";
import type { CatalogueErrorItem, CheckSummary, PaneEnv, PaneState, ProvinceOutcome, SentFile } from "./model";
import type { FindingText } from "../engine/rules/index";
import { initialState, paneView } from "./model";
import { renderPane } from "./render";
import type { Handlers } from "./view";

export type { CheckSummary, ProvinceOutcome, CatalogueErrorItem, SentFile } from "./model";

export type ParsedCatalogue =
  | { ok: true; catalogue: Catalogue; warnings: unknown[] }
  | { ok: false; errors: CatalogueErrorItem[] };

/** What an action did, in words; "warning" whenever something was refused or left undone. */
export interface Outcome {
  text: Text2;
  kind?: "success" | "warning";
  details?: Text2[];
}

export type ReportInput = { text: string } | { file: File };

export interface ColumnRoleChange {
  appendix: "PL1" | "PL2";
  sheet: string;
  /** Absolute 0-based column. */
  col: number;
  /** A column role ("baseline", "result", "target", "note"), or "ignore". */
  role: string;
}

/** One-click fixes: which findings have one, what it would write, and writing it (then re-checking). */
export interface FixServices {
  available(f: Finding): boolean;
  preview(findings: Finding[], lang: Lang): Promise<Text2>;
  apply(findings: Finding[], catalogue: Catalogue, lang: Lang): Promise<CheckSummary>;
}

/** What the pane can ask of the workbook and the outside world. */
export interface PaneServices {
  /** null when not running inside Excel; otherwise the features this Excel lacks (capability keys). */
  missingFeatures(): string[] | null;
  /** Inserts the cover and both appendices; sheets the add-in made are repaired, never copied. */
  insertSheets(catalogue: Catalogue): Promise<Outcome>;
  fillSample(catalogue: Catalogue): Promise<Outcome>;
  check(catalogue: Catalogue, lang: Lang): Promise<CheckSummary>;
  /** Ignores a warning with a reason (or restores it: reason null), then checks again. */
  setAside(catalogue: Catalogue, lang: Lang, finding: Finding, reason: string | null): Promise<CheckSummary>;
  clearMarks(lang: Lang): Promise<Outcome>;
  selectCell(sheet: string, address: string): Promise<void>;
  startLive(catalogue: Catalogue, lang: Lang, onResult: (s: CheckSummary) => void, onError: (e: unknown) => void): Promise<void>;
  stopLive(): Promise<void>;
  consolidate(files: File[], catalogue: Catalogue, lang: Lang, onProgress: (done: number, total: number) => void): Promise<ProvinceOutcome>;
  crossCheckReport(input: ReportInput, catalogue: Catalogue, lang: Lang): Promise<ReportCrossCheck>;
  /** The catalogue checker (loaded on demand, hence a promise). */
  parseCatalogue(text: string, source: string): ParsedCatalogue | Promise<ParsedCatalogue>;
  fetchText(url: string, timeoutMs: number): Promise<string>;
  readFile(file: File): Promise<string>;
  /** Changes what a column of a table holds, then checks again (when the check offers it). */
  setColumnRole?(catalogue: Catalogue, lang: Lang, change: ColumnRoleChange): Promise<CheckSummary>;
  /** One-click fixes, when available. */
  fixes?: FixServices;
  /**
   * "Gửi tỉnh": the open workbook saved as a new file to email to the province (marks removed
   * unless kept, named by the province's convention), offered as a download; its SHA-256 shown.
   */
  sendToProvince?(catalogue: Catalogue, lang: Lang, options: { keepMarks: boolean }): Promise<SentFile>;
  /** A finding in words, when another source of texts is wired (default: the engine's rules). */
  describeFinding?(f: Finding, lang: Lang): FindingText;
}

/** Stable element ids of taskpane.html. */
export const IDS = {
  langSwitch: "lang-toggle",
  tabDistrict: "tab-district",
  tabProvince: "tab-province",
  panelDistrict: "panel-district",
  panelProvince: "panel-province",
  message: "message",
  progress: "progress",
  progressLabel: "progress-label",
  progressFill: "progress-fill",
  capabilities: "capabilities",
  capabilitiesToggle: "capabilities-toggle",
  capabilitiesList: "capabilities-list",
  insert: "btn-insert",
  gotoInput: "btn-goto-input",
  fillSample: "btn-sample",
  check: "btn-check",
  live: "live-toggle",
  liveNote: "live-note",
  verdict: "verdict",
  verdictBody: "verdict-body",
  mapping: "mapping",
  findingsSection: "section-findings",
  findings: "findings",
  findingsCounts: "findings-counts",
  statusSection: "section-status",
  statusChart: "status-chart",
  reportToggle: "report-toggle",
  reportBody: "report-body",
  reportText: "report-text",
  reportRun: "btn-report",
  reportFile: "report-file",
  reportResult: "report-result",
  clearMarks: "btn-clear",
  sendArea: "send-area",
  send: "btn-send",
  sendKeepMarks: "send-keep-marks",
  sendResult: "send-result",
  settingsToggle: "settings-toggle",
  settingsBody: "settings-body",
  catalogueInfo: "catalogue-info",
  catalogueFile: "catalogue-file",
  catalogueUrl: "catalogue-url",
  catalogueUrlLoad: "catalogue-url-load",
  catalogueNational: "catalogue-national",
  catalogueErrors: "catalogue-errors",
  consolidateFiles: "consolidate-files",
  consolidateResult: "consolidate-result",
} as const;

export { errorText, FETCH_TIMEOUT_MS } from "./messages";

export interface Pane {
  readonly state: Readonly<PaneState>;
  setLanguage(lang: Lang): void;
  render(): void;
  /** Resolves when the current operation (if any) has finished. */
  idle(): Promise<void>;
}

export function createPane(services: PaneServices, initial: { lang: Lang; catalogue: Catalogue }): Pane {
  const state = initialState(initial.lang, initial.catalogue);
  const missing = services.missingFeatures();
  const env: PaneEnv = {
    inExcel: missing !== null,
    missing: missing || [],
    canFix: (f) => !!services.fixes && services.fixes.available(f),
    canRemap: typeof services.setColumnRole === "function",
    canSend: typeof services.sendToProvince === "function",
    describe: services.describeFinding ? (f, lang) => services.describeFinding!(f, lang) : undefined,
  };
  const ctx: PaneContext = {
    state,
    env,
    services,
    national: initial.catalogue,
    current: Promise.resolve(),
    render: (focus?: string) => renderPane(paneView(state, env), state, env, handlers, focus),
  };
  const actions = createActions(ctx);
  const handlers: Handlers = actions.handlers;
  wire(actions, state);
  ctx.render();
  return {
    state,
    setLanguage: actions.setLanguage,
    render: () => ctx.render(),
    idle: () => ctx.current,
  };
}

type Actions = ReturnType<typeof createActions>;

function onClick(id: string, action: () => void): void {
  const node = byId(id);
  if (node) node.addEventListener("click", () => action());
}

/** The page's static controls (the rendered regions wire their own through Handlers). */
function wire(a: Actions, state: PaneState): void {
  onClick(IDS.langSwitch, () => a.setLanguage(otherLanguage(state.lang)));
  onClick(IDS.tabDistrict, () => a.setView("district"));
  onClick(IDS.tabProvince, () => a.setView("province"));
  const tabs = byId("views");
  if (tabs) {
    tabs.addEventListener("keydown", (ev: KeyboardEvent) => {
      if (ev.key === "ArrowLeft" || ev.key === "ArrowRight" || ev.key === "Left" || ev.key === "Right" || ev.key === "Home" || ev.key === "End") {
        ev.preventDefault();
        a.setView(state.view === "district" ? "province" : "district", true);
      }
    });
  }
  onClick(IDS.insert, a.insert);
  onClick(IDS.gotoInput, a.gotoInput);
  onClick(IDS.fillSample, a.fillSample);
  onClick(IDS.check, a.check);
  const liveBox = byId<HTMLInputElement>(IDS.live);
  if (liveBox) liveBox.addEventListener("change", () => a.toggleLive(liveBox.checked));
  onClick(IDS.clearMarks, a.clearMarks);
  onClick(IDS.send, a.sendToProvince);
  const keep = byId<HTMLInputElement>(IDS.sendKeepMarks);
  if (keep) keep.addEventListener("change", () => a.setKeepMarks(keep.checked));
  onClick(IDS.capabilitiesToggle, () => a.togglePanel("caps"));
  onClick(IDS.reportToggle, () => a.togglePanel("report"));
  onClick(IDS.settingsToggle, () => a.togglePanel("settings"));
  onClick(IDS.catalogueNational, a.useNational);
  onClick(IDS.reportRun, () => {
    const box = byId<HTMLTextAreaElement>(IDS.reportText);
    a.crossCheck({ text: box ? box.value : "" });
  });
  const fileInput = byId<HTMLInputElement>(IDS.catalogueFile);
  if (fileInput) {
    fileInput.addEventListener("change", () => {
      const file = fileInput.files && fileInput.files[0];
      if (file) a.loadFromFile(file);
      // Picking the same file again after fixing it must fire change again.
      fileInput.value = "";
    });
  }
  const reportFile = byId<HTMLInputElement>(IDS.reportFile);
  if (reportFile) {
    reportFile.addEventListener("change", () => {
      const file = reportFile.files && reportFile.files[0];
      if (file) a.crossCheck({ file });
      reportFile.value = "";
    });
  }
  const urlInput = byId<HTMLInputElement>(IDS.catalogueUrl);
  onClick(IDS.catalogueUrlLoad, () => a.loadFromUrl(urlInput ? urlInput.value : ""));
  if (urlInput) {
    urlInput.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        ev.preventDefault();
        a.loadFromUrl(urlInput.value);
      }
    });
  }
  const consolidateInput = byId<HTMLInputElement>(IDS.consolidateFiles);
  if (consolidateInput) {
    consolidateInput.addEventListener("change", () => {
      const files: File[] = [];
      const list = consolidateInput.files;
      if (list) for (let i = 0; i < list.length; i++) files.push(list[i]);
      a.consolidate(files);
      consolidateInput.value = "";
    });
  }
}
