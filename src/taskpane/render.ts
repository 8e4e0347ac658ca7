/**
 * Puts the view model on the page: static labels (data-i18n), which view and panels show,
 * the regions view.ts builds, and the states of the controls. A keyboard user keeps their
 * place: the control that had focus (by its data-focus name) has it again after a rebuild.
 */
import { byId, fill } from "./dom";
import { applyI18n, otherLanguage, t } from "./i18n";
import type { PaneEnv, PaneState, PaneView } from "./model";
import type { Handlers } from "./view";
import {
  applySteps,
  renderCapabilities,
  renderCatalogueErrors,
  renderCatalogueInfo,
  renderChart,
  renderFindings,
  renderMapping,
  renderMessage,
  renderProvince,
  renderReport,
  renderVerdict,
} from "./view";

const WORKBOOK_ACTIONS = ["btn-insert", "btn-goto-input", "btn-sample", "btn-check", "btn-clear", "btn-report", "report-file", "consolidate-files"];

function setHidden(id: string, hidden: boolean): void {
  const node = byId(id);
  if (!node) return;
  if (hidden) node.setAttribute("hidden", "");
  else node.removeAttribute("hidden");
}

/** A disclosure button and the panel it opens. */
function setDisclosure(buttonId: string, panelId: string, open: boolean): void {
  const b = byId(buttonId);
  if (b) {
    b.setAttribute("aria-expanded", open ? "true" : "false");
    const chevron = b.querySelector(".chevron");
    if (chevron) chevron.textContent = open ? "▾" : "▸";
  }
  setHidden(panelId, !open);
}

function setDisabled(id: string, disabled: boolean): void {
  const b = byId(id);
  if (!b) return;
  // aria-disabled, not disabled: the control stays focusable, and a click explains why nothing happens.
  if (disabled) b.setAttribute("aria-disabled", "true");
  else b.removeAttribute("aria-disabled");
}

function focusedName(): string | null {
  const a = document.activeElement as HTMLElement | null;
  return a && a.getAttribute ? a.getAttribute("data-focus") : null;
}

function focusByName(name: string): boolean {
  const nodes = document.querySelectorAll("[data-focus]");
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as HTMLElement;
    if (n.getAttribute("data-focus") === name) {
      n.focus();
      return true;
    }
  }
  return false;
}

function renderFrame(view: PaneView, state: PaneState, env: PaneEnv): void {
  const lang = view.lang;
  document.documentElement.setAttribute("lang", lang === "vi" ? "vi" : "en");
  applyI18n(document, lang);
  const sw = byId("lang-toggle");
  if (sw) {
    // A title, not an aria-label: the accessible name must contain the visible word.
    sw.setAttribute("title", t(lang, "lang.switchLabel"));
    sw.setAttribute("lang", otherLanguage(lang));
  }
  const district = view.view === "district";
  for (const [tab, panel, on] of [["tab-district", "panel-district", district], ["tab-province", "panel-province", !district]] as [string, string, boolean][]) {
    const b = byId(tab);
    if (b) {
      b.setAttribute("aria-selected", on ? "true" : "false");
      if (on) b.removeAttribute("tabindex");
      else b.setAttribute("tabindex", "-1");
    }
    setHidden(panel, !on);
  }
  const caps = byId("capabilities");
  const list = byId("capabilities-list");
  if (caps && list) {
    const notInExcel = !env.inExcel;
    fill(list, [renderCapabilities(notInExcel ? null : env.missing, lang)]);
    setHidden("capabilities", !notInExcel && env.missing.length === 0);
    // Outside Excel the one sentence is the notice; an older Excel's list opens on request.
    setDisclosure("capabilities-toggle", "capabilities-list", notInExcel || !!state.open.caps);
  }
  for (const id of WORKBOOK_ACTIONS) setDisabled(id, !!view.busy || !env.inExcel);
  const live = byId<HTMLInputElement>("live-toggle");
  if (live) {
    live.checked = view.live;
    setDisabled("live-toggle", !!view.busy || !view.liveAvailable);
    const note = byId("live-note");
    if (note) note.textContent = env.inExcel && !view.liveAvailable ? t(lang, "check.liveNeedsNewer") : "";
  }
  setHidden("send-area", !view.send);
  setDisabled("btn-send", !!view.busy);
  const keep = byId<HTMLInputElement>("send-keep-marks");
  if (keep) keep.checked = !!view.send && view.send.keepMarks;
  const sent = byId("send-result");
  if (sent) sent.textContent = view.send && view.send.sentText ? view.send.sentText : "";
  setDisclosure("report-toggle", "report-body", !!state.open.report);
  setDisclosure("settings-toggle", "settings-body", !!state.open.settings);
}

function renderDistrict(view: PaneView, state: PaneState, env: PaneEnv, h: Handlers): void {
  const lang = view.lang;
  applySteps(view.steps, lang, byId);
  const verdict = byId("verdict-body");
  if (verdict) fill(verdict, view.verdict ? [renderVerdict(view.verdict, lang, h)] : []);
  setHidden("verdict", !view.verdict);
  const mapping = byId("mapping");
  if (mapping) fill(mapping, renderMapping(view.mapping, lang, env.canRemap, h));
  setHidden("mapping", !view.mapping);
  setHidden("section-findings", !view.findings);
  const counts = byId("findings-counts");
  if (counts) counts.textContent = view.findings ? view.findings.countsText : "";
  const findings = byId("findings");
  if (findings) fill(findings, [renderFindings(view.findings, lang, h)]);
  setHidden("section-status", !view.chart);
  const chart = byId("status-chart");
  if (chart) fill(chart, view.chart ? renderChart(view.chart, lang, h) : []);
  const report = byId("report-result");
  if (report) fill(report, renderReport(state.report, lang, h));
}

function renderSettings(state: PaneState): void {
  const lang = state.lang;
  const info = byId("catalogue-info");
  if (info) fill(info, renderCatalogueInfo(state.catalogue, lang));
  const errors = byId("catalogue-errors");
  if (errors) {
    fill(errors, state.catalogueErrors ? [renderCatalogueErrors(state.catalogueErrors, lang)] : []);
    setHidden("catalogue-errors", !state.catalogueErrors);
  }
}

export function renderPane(view: PaneView, state: PaneState, env: PaneEnv, h: Handlers, focus?: string): void {
  const keep = focus || focusedName();
  renderFrame(view, state, env);
  const message = byId("message");
  if (message) fill(message, view.message ? [renderMessage(view.message, view.lang, h.dismissMessage)] : []);
  renderDistrict(view, state, env, h);
  renderSettings(state);
  const province = byId("consolidate-result");
  if (province) fill(province, renderProvince(state.province, view.lang));
  if (keep) focusByName(keep);
}
