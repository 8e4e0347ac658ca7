/**
 * State to DOM: each region of the page is rebuilt from the view model (model.ts). Every
 * text from a workbook or a catalogue goes through el(), that is, as text nodes. Colours
 * are CSS classes only (taskpane.css): forced-colours mode and the Office theme restyle
 * them; the one computed style is a bar's width.
 */
import type { Catalogue, Text2 } from "../catalogue/types";
import { isIndicator } from "../catalogue/types";
import { SHEET_NAMES } from "../engine/layout";
import type { Finding } from "../engine/types";
import type { ReportCrossCheck } from "../usecases/report";
import { describeFinding } from "../engine/rules/index";
import { el } from "./dom";
import type { Lang, StringKey } from "./i18n";
import { pick, t } from "./i18n";
import type {
  CatalogueErrorItem,
  ChartBar,
  ChartView,
  FindingItem,
  FindingsView,
  MappingView,
  Message,
  ProvinceOutcome,
  RuleGroup,
  SeverityGroup,
  StepView,
  VerdictView,
} from "./model";
import { findingWhere, itemKey } from "./model";

/** What the rendered controls call back. */
export interface Handlers {
  /** A finding clicked or Enter pressed on it: the walk moves there and Excel selects its cell. */
  open(key: string): void;
  /** Arrow keys: the walk moves by delta (or to an end), focus follows; Excel is not asked. */
  move(fromKey: string, delta: number | "first" | "last"): void;
  toggle(key: string): void;
  first(): void;
  step(delta: number): void;
  ignoreStart(key: string): void;
  ignoreReason(reason: string): void;
  ignoreConfirm(): void;
  ignoreCancel(): void;
  restore(key: string): void;
  fixPreview(key: string, findings: Finding[]): void;
  fixApply(): void;
  fixCancel(): void;
  selectCell(sheet: string, cell: string): void;
  remap(appendix: "PL1" | "PL2", col: number, role: string): void;
  dismissMessage(): void;
}

const ICONS: Record<string, string> = { error: "✖", warning: "⚠", info: "ℹ", success: "✔" };

function sr(text: string) {
  return el("span", { class: "sr-only" }, [text]);
}

function linkButton(text: string, attrs: Record<string, string | number>, onclick: () => void, children?: (Node | string)[]) {
  return el("button", Object.assign({ type: "button", class: "link" }, attrs, { onclick: () => onclick() }), children || [text]);
}

// ---------------------------------------------------------------- message bar

export function renderMessage(m: Message, lang: Lang, onDismiss: () => void): HTMLElement {
  return el("div", { class: "message message--" + m.kind, "data-kind": m.kind }, [
    el("span", { class: "message-icon", "aria-hidden": "true" }, [ICONS[m.kind] || ICONS.info]),
    el("div", { class: "message-body" }, [
      el("p", undefined, [pick(m.text, lang)]),
      m.details && m.details.length ? el("ul", undefined, m.details.map((d) => el("li", undefined, [pick(d, lang)]))) : null,
    ]),
    el("button", { type: "button", class: "message-dismiss", "aria-label": t(lang, "message.dismiss"), title: t(lang, "message.dismiss"), "data-focus": "dismiss", onclick: () => onDismiss() }, ["×"]),
  ]);
}

// ---------------------------------------------------------------- steps

/** The state of each step, on the <li> (for the CSS) and in words (for screen readers). */
export function applySteps(steps: StepView[], lang: Lang, byId: (id: string) => HTMLElement | null): void {
  for (const s of steps) {
    const li = byId("step-" + s.id);
    if (!li) continue;
    li.setAttribute("data-state", s.state);
    if (s.state === "current") li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
    const badge = byId("step-" + s.id + "-state");
    if (badge) badge.textContent = s.state === "upcoming" ? "" : "(" + t(lang, s.state === "done" ? "step.done" : "step.current") + ")";
  }
}

// ---------------------------------------------------------------- verdict

export function renderVerdict(v: VerdictView | null, lang: Lang, h: Handlers): HTMLElement {
  if (!v) return el("p", { class: "not-yet" }, [t(lang, "check.notYet")]);
  const nav = v.canWalk
    ? el("div", { class: "verdict-nav" }, [
      v.first ? el("button", { type: "button", class: "button button--compact", id: "btn-first", "data-focus": "first", onclick: () => h.first() }, [v.first.label]) : null,
      el("button", { type: "button", class: "button button--compact", id: "btn-prev", "aria-label": t(lang, "verdict.prevLabel"), "data-focus": "prev", onclick: () => h.step(-1) }, [t(lang, "verdict.prev")]),
      el("button", { type: "button", class: "button button--compact", id: "btn-next", "aria-label": t(lang, "verdict.nextLabel"), "data-focus": "next", onclick: () => h.step(1) }, [t(lang, "verdict.next")]),
      el("span", { class: "verdict-position", id: "verdict-position" }, [v.position || ""]),
    ])
    : null;
  return el("div", { class: "verdict " + (v.ready ? "verdict--ready" : "verdict--not-ready"), "data-ready": v.ready ? "true" : "false" }, [
    el("p", { class: "verdict-title" }, [el("span", { class: "verdict-icon", "aria-hidden": "true" }, [v.ready ? "✔" : "✖"]), v.title]),
    el("p", { class: "verdict-counts" }, [v.countsText]),
    nav,
    el("p", { class: "verdict-message" }, [v.message]),
    el("p", { class: "verdict-time" }, [el("time", { datetime: v.checkedAt }, [v.time]), v.live ? " · " + t(lang, "verdict.live") : null]),
  ]);
}

// ---------------------------------------------------------------- findings

function toggleButton(key: string, open: boolean, controls: string, children: (Node | string | null)[], h: Handlers, cls: string): HTMLElement {
  return el("button", { type: "button", class: "tree-toggle " + cls, "aria-expanded": open ? "true" : "false", "aria-controls": controls, "data-focus": "toggle:" + key, onclick: () => h.toggle(key) }, [
    el("span", { class: "chevron", "aria-hidden": "true" }, [open ? "▾" : "▸"]),
    ...children,
  ]);
}

function renderIgnoreForm(item: FindingItem, lang: Lang, h: Handlers): HTMLElement {
  const id = "reason-" + item.index;
  const input = el("textarea", { class: "text-input reason-input", id, rows: 2, maxlength: 500, "data-focus": "reason:" + item.key, "aria-invalid": item.ignoring && item.ignoring.refused ? "true" : null, "aria-describedby": item.ignoring && item.ignoring.refused ? id + "-error" : null });
  input.value = item.ignoring ? item.ignoring.reason : "";
  input.addEventListener("input", () => h.ignoreReason(input.value));
  return el("div", { class: "ignore-form" }, [
    el("label", { class: "field-label", for: id }, [t(lang, "ignore.reason")]),
    input,
    item.ignoring && item.ignoring.refused ? el("p", { class: "field-error", id: id + "-error" }, [t(lang, "ignore.needReason")]) : null,
    el("div", { class: "form-actions" }, [
      el("button", { type: "button", class: "button button--primary button--compact", "data-focus": "ignore-ok:" + item.key, onclick: () => h.ignoreConfirm() }, [t(lang, "ignore.confirm")]),
      el("button", { type: "button", class: "button button--compact", "data-focus": "ignore-cancel:" + item.key, onclick: () => h.ignoreCancel() }, [t(lang, "ignore.cancel")]),
    ]),
  ]);
}

function renderPreview(text: string, lang: Lang, h: Handlers, key: string): HTMLElement {
  return el("div", { class: "fix-preview" }, [
    el("p", undefined, [t(lang, "fix.preview"), " ", text]),
    el("div", { class: "form-actions" }, [
      el("button", { type: "button", class: "button button--primary button--compact", "data-focus": "fix-ok:" + key, onclick: () => h.fixApply() }, [t(lang, "fix.apply")]),
      el("button", { type: "button", class: "button button--compact", "data-focus": "fix-cancel:" + key, onclick: () => h.fixCancel() }, [t(lang, "fix.cancel")]),
    ]),
  ]);
}

function renderItem(item: FindingItem, lang: Lang, h: Handlers): HTMLElement {
  const f = item.finding;
  // A native button: Tab reaches it, Enter and Space open it; its name starts with the severity.
  const main = el(
    "button",
    {
      type: "button",
      class: "finding finding--" + item.severity,
      "data-index": item.index,
      "data-key": item.key,
      "data-code": f.code,
      "data-severity": item.severity,
      "data-sheet": f.sheet,
      "data-cell": f.cell,
      "data-focus": "item:" + item.key,
      "aria-current": item.current ? "true" : null,
      onclick: () => h.open(item.key),
    },
    [
      sr(t(lang, ("severity." + item.severity + "1") as StringKey) + ": "),
      el("span", { class: item.canSelect ? "finding-where link-look" : "finding-where" }, [item.where]),
      el("span", { class: "finding-message" }, [item.message]),
      item.fix ? el("span", { class: "finding-fix" }, [item.fix]) : null,
    ],
  );
  const actions: HTMLElement[] = [];
  if (item.canFix) {
    actions.push(el("button", { type: "button", class: "button button--compact", "aria-label": t(lang, "fix.buttonLabel", { where: item.where }), "data-focus": "fix:" + item.key, onclick: () => h.fixPreview(item.key, [f]) }, [t(lang, "fix.button")]));
  }
  if (item.canIgnore && !item.ignoring) {
    actions.push(el("button", { type: "button", class: "button button--compact button--subtle", "aria-label": t(lang, "ignore.buttonLabel", { where: item.where }), "data-focus": "ignore:" + item.key, onclick: () => h.ignoreStart(item.key) }, [t(lang, "ignore.button")]));
  }
  return el("li", { class: "finding-item" + (item.current ? " is-current" : "") }, [
    main,
    actions.length ? el("div", { class: "finding-actions" }, actions) : null,
    item.preview ? renderPreview(item.preview, lang, h, item.key) : null,
    item.ignoring ? renderIgnoreForm(item, lang, h) : null,
  ]);
}

function renderRule(r: RuleGroup, lang: Lang, h: Handlers): HTMLElement {
  const id = "rule-" + r.code;
  return el("li", { class: "rule", "data-code": r.code }, [
    toggleButton(r.key, r.open, id, [
      el("span", { class: "rule-title" }, [r.title]),
      " ",
      el("span", { class: "rule-code" }, [r.code]),
      " ",
      el("span", { class: "count-badge", "data-count": r.count }, [String(r.count)]),
    ], h, "rule-toggle"),
    el("div", { class: "rule-body", id, hidden: !r.open }, [
      r.fix ? el("p", { class: "rule-fix" }, [el("strong", undefined, [t(lang, "findings.fix")]), " ", r.fix]) : null,
      r.fixable ? el("div", { class: "finding-actions" }, [
        el("button", { type: "button", class: "button button--compact", "data-focus": "fixall:" + r.code, onclick: () => h.fixPreview(r.key, r.items.map((x) => x.finding).filter((_f, i) => r.items[i].canFix)) }, [t(lang, "fix.all", { n: r.fixable })]),
      ]) : null,
      r.preview ? renderPreview(r.preview, lang, h, r.key) : null,
      el("ul", { class: "finding-list" }, r.items.map((x) => renderItem(x, lang, h))),
      r.more > 0 ? el("p", { class: "finding-more" }, [t(lang, "findings.more", { n: r.more, sheet: SHEET_NAMES.results })]) : null,
    ]),
  ]);
}

function renderSeverity(g: SeverityGroup, lang: Lang, h: Handlers): HTMLElement {
  const id = "sev-" + g.severity;
  return el("section", { class: "finding-group finding-group--" + g.severity, "data-severity": g.severity }, [
    el("h3", { class: "finding-group-title" }, [
      toggleButton(g.key, g.open, id, [
        el("span", { class: "severity-dot", "aria-hidden": "true" }, [ICONS[g.severity]]),
        g.title,
        " ",
        el("span", { class: "finding-count", "data-count": g.count }, ["(" + g.count + ")"]),
      ], h, "severity-toggle"),
    ]),
    el("ul", { class: "rule-list", id, hidden: !g.open }, g.rules.map((r) => renderRule(r, lang, h))),
  ]);
}

function renderIgnored(v: FindingsView, lang: Lang, h: Handlers): HTMLElement | null {
  if (!v.ignored.length) return null;
  return el("section", { class: "finding-group finding-group--ignored", "data-severity": "ignored" }, [
    el("h3", { class: "finding-group-title" }, [
      toggleButton("ignored", v.ignoredOpen, "sev-ignored", [t(lang, "ignore.heading"), " ", el("span", { class: "finding-count", "data-count": v.ignored.length }, ["(" + v.ignored.length + ")"])], h, "severity-toggle"),
    ]),
    el("ul", { class: "finding-list", id: "sev-ignored", hidden: !v.ignoredOpen }, v.ignored.map((g) =>
      el("li", { class: "finding-item ignored-item", "data-key": g.key }, [
        el("p", { class: "finding-static" }, [el("span", { class: "finding-where" }, [g.where]), " ", el("span", { class: "rule-code" }, [g.finding.code]), el("span", { class: "finding-message" }, [g.message])]),
        el("p", { class: "ignored-reason" }, [t(lang, "ignore.reasonShown", { reason: g.reason })]),
        el("div", { class: "finding-actions" }, [
          el("button", { type: "button", class: "button button--compact button--subtle", "aria-label": t(lang, "ignore.restoreLabel", { where: g.where }), "data-focus": "restore:" + g.key, onclick: () => h.restore(g.key) }, [t(lang, "ignore.restore")]),
        ]),
      ]),
    )),
  ]);
}

export function renderFindings(v: FindingsView | null, lang: Lang, h: Handlers): HTMLElement {
  if (!v) return el("div", { class: "findings" });
  if (v.total === 0 && v.ignored.length === 0) return el("div", { class: "findings" }, [el("p", { class: "findings-none" }, [t(lang, "findings.none")])]);
  const root = el("div", { class: "findings" }, [
    v.total ? el("p", { class: "hint", id: "findings-keys" }, [t(lang, "findings.keys")]) : null,
    ...v.groups.map((g) => renderSeverity(g, lang, h)),
    renderIgnored(v, lang, h),
  ]);
  root.addEventListener("keydown", (ev: KeyboardEvent) => onTreeKey(ev, h));
  return root;
}

/** Up/Down (and Home/End) walk the findings from the one that has focus. */
function onTreeKey(ev: KeyboardEvent, h: Handlers): void {
  const target = ev.target as HTMLElement | null;
  const key = target && target.getAttribute ? target.getAttribute("data-key") : null;
  if (!key || !target || target.getAttribute("data-index") === null) return;
  const k = ev.key;
  let delta: number | "first" | "last" | null = null;
  if (k === "ArrowDown" || k === "Down") delta = 1;
  else if (k === "ArrowUp" || k === "Up") delta = -1;
  else if (k === "Home") delta = "first";
  else if (k === "End") delta = "last";
  if (delta === null) return;
  ev.preventDefault();
  h.move(key, delta);
}

// ---------------------------------------------------------------- mapping

export function renderMapping(m: MappingView[] | null, lang: Lang, canRemap: boolean, h: Handlers): HTMLElement[] {
  if (!m) return [];
  return [
    el("h2", { class: "section-title", id: "mapping-heading" }, [t(lang, "mapping.heading")]),
    el("ul", { class: "mapping-list", "aria-labelledby": "mapping-heading" }, m.map((x) =>
      el("li", { class: "mapping" + (x.missing.length || !x.sheet ? " mapping--incomplete" : ""), "data-appendix": x.appendix }, [
        el("span", { class: "mapping-text" }, [x.text]),
        canRemap && x.sheet ? renderRemap(x, lang, h) : null,
      ]),
    )),
  ];
}

function renderRemap(x: MappingView, lang: Lang, h: Handlers): HTMLElement {
  const roles = (x.appendix === "PL1" ? ["target", "baseline", "result", "note"] : ["baseline", "result", "note"]).concat(["ignore"]);
  return el("div", { class: "remap" }, x.columns.map((c) => {
    const id = "remap-" + x.appendix + "-" + c.col;
    const select = el("select", { class: "select", id, "data-focus": "remap:" + id }, roles.map((r) => {
      const label = r === "ignore" ? t(lang, "mapping.ignore") : r === c.role ? c.label : roleName(r, x, lang);
      const o = el("option", { value: r }, [label]);
      if (r === c.role) o.selected = true;
      return o;
    }));
    select.addEventListener("change", () => h.remap(x.appendix, c.col, select.value));
    return el("span", { class: "remap-field" }, [el("label", { for: id }, [t(lang, "mapping.change", { letter: c.letter })]), " ", select]);
  }));
}

function roleName(role: string, x: MappingView, lang: Lang): string {
  for (const c of x.columns) if (c.role === role) return c.label;
  return role === "note" ? t(lang, "mapping.note") : role;
}

// ---------------------------------------------------------------- status chart

function renderBars(bars: ChartBar[], max: number, group: string): HTMLElement {
  return el("ul", { class: "bars", "data-group": group }, bars.map((b) => {
    const fill = el("span", { class: "bar-fill" });
    // A CSSOM write (the CSP forbids style attributes, not this); colours stay in the stylesheet.
    fill.style.width = (b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * 100))) + "%";
    return el("li", { class: "bar bar--" + b.key, "data-key": b.key, "data-count": b.count }, [
      el("span", { class: "bar-label" }, [b.label]),
      el("span", { class: "bar-track", "aria-hidden": "true" }, [fill]),
      el("span", { class: "bar-count" }, [String(b.count)]),
    ]);
  }));
}

export function renderChart(c: ChartView | null, lang: Lang, h: Handlers): HTMLElement[] {
  if (!c) return [el("p", { class: "not-yet" }, [t(lang, "check.notYet")])];
  return [
    el("h3", { class: "chart-title" }, [c.pl1Title]),
    renderBars(c.pl1, c.max, "PL1"),
    c.noTargetNote ? el("p", { class: "chart-note" }, [c.noTargetNote]) : null,
    el("h4", { class: "chart-subtitle" }, [c.unmet.length ? t(lang, "status.notMetHeading", { n: c.unmet.length }) : t(lang, "status.notMetNone")]),
    c.unmet.length
      ? el("ul", { class: "unmet-list" }, c.unmet.map((u) =>
        el("li", { class: "unmet", "data-indicator": u.indicatorId }, [
          u.sheet && u.cell
            ? linkButton(u.label, { "data-sheet": u.sheet, "data-cell": u.cell, "data-focus": "unmet:" + u.indicatorId }, () => h.selectCell(u.sheet as string, u.cell as string))
            : el("span", undefined, [u.label]),
          u.detail ? el("span", { class: "unmet-detail" }, [u.detail]) : null,
        ]),
      ))
      : null,
    el("h3", { class: "chart-title" }, [c.pl2Title]),
    renderBars(c.pl2, c.max, "PL2"),
    c.unknownNote ? el("p", { class: "chart-note" }, [c.unknownNote]) : null,
  ].filter((x): x is HTMLElement => !!x);
}

// ---------------------------------------------------------------- the written report

export function renderReport(r: ReportCrossCheck | null, lang: Lang, h: Handlers): HTMLElement[] {
  if (!r) return [];
  const c = r.counts;
  const source = r.source.name || t(lang, "report.pasted");
  const out: HTMLElement[] = [
    el("p", { class: "report-summary" }, [t(lang, "report.summary", { source, figures: c.figures, agrees: c.agrees, mismatch: c.mismatch, missing: c.missingInAppendix, review: c.review, unattached: c.unattached })]),
  ];
  if (r.findings.length) {
    out.push(el("h3", { class: "subheading" }, [t(lang, "report.findings", { n: r.findings.length })]));
    out.push(el("ul", { class: "report-list" }, r.findings.map((f) => {
      const where = findingWhere(f, lang);
      return el("li", { class: "report-item report-item--" + f.severity, "data-code": f.code }, [
        f.sheet && f.cell ? linkButton(where, { "data-sheet": f.sheet, "data-cell": f.cell, "data-focus": "report:" + itemKey(f) }, () => h.selectCell(f.sheet, f.cell)) : el("span", undefined, [where]),
        " ",
        el("span", { class: "finding-message" }, [describeFinding(f, lang).message]),
      ]);
    })));
  }
  const review = r.figures.filter((f) => f.outcome === "review");
  if (review.length) {
    out.push(el("h3", { class: "subheading" }, [t(lang, "report.review", { n: review.length })]));
    out.push(el("ul", { class: "report-list" }, review.map((f) =>
      el("li", { class: "report-item" }, [
        el("span", { class: "report-where" }, [t(lang, "report.paragraph", { n: f.paragraph }) + ": "]),
        f.figure,
        f.attachment ? " — “" + f.attachment.label + "”" : "",
        f.appendix ? " — " + f.appendix.sheet + "!" + f.appendix.cell + ": " + f.appendix.value : "",
        f.doubts && f.doubts.length ? el("span", { class: "finding-fix" }, [f.doubts.map((d: Text2) => pick(d, lang)).join("; ")]) : null,
      ]),
    )));
  }
  return out;
}

// ---------------------------------------------------------------- province

export function renderProvince(p: ProvinceOutcome | null, lang: Lang): HTMLElement[] {
  if (!p) return [];
  const out: HTMLElement[] = [];
  if (p.sheets.length) out.push(el("p", { class: "province-done" }, [t(lang, "province.done", { n: p.counted, ready: p.ready, notReady: p.notReady.length })]));
  else out.push(el("p", { class: "province-done" }, [t(lang, "province.noneRead")]));
  if (p.notReady.length) {
    out.push(el("p", { class: "subheading" }, [t(lang, "province.notReadyList")]));
    out.push(el("ul", { class: "plain-list" }, p.notReady.map((d) => el("li", undefined, [d.unit || d.file, d.unit ? " (" + d.file + ")" : ""]))));
  }
  if (p.duplicates) out.push(el("p", undefined, [t(lang, "province.duplicates", { n: p.duplicates })]));
  if (p.ignored) out.push(el("p", undefined, [t(lang, "province.ignored", { n: p.ignored, sheet: "Cảnh báo đã bỏ qua" })]));
  if (p.outliers) out.push(el("p", undefined, [t(lang, "province.outliers", { n: p.outliers, sheet: "Bất thường" })]));
  if (p.refused.length) {
    out.push(el("p", { class: "subheading province-refused" }, [t(lang, "province.refused", { n: p.refused.length })]));
    out.push(el("ul", { class: "plain-list" }, p.refused.map((r) => el("li", undefined, [el("strong", undefined, [r.file]), ": ", pick(r.message, lang)]))));
  }
  return out;
}

// ---------------------------------------------------------------- catalogue and capabilities

export function indicatorCounts(catalogue: Catalogue): { pl1: number; pl2: number } {
  let pl1 = 0;
  let pl2 = 0;
  for (const row of catalogue.rows) {
    if (!isIndicator(row)) continue;
    if (row.appendix === "PL1") pl1++;
    else if (row.appendix === "PL2") pl2++;
  }
  return { pl1, pl2 };
}

/** Title, version and counts, with the ids taskpane.html gives them. */
export function renderCatalogueInfo(catalogue: Catalogue, lang: Lang): HTMLElement[] {
  const counts = indicatorCounts(catalogue);
  return [
    el("p", { class: "catalogue-title", id: "catalogue-title", "data-catalogue-id": catalogue.id }, [pick(catalogue.title, lang)]),
    el("p", { class: "meta catalogue-version", id: "catalogue-version" }, [t(lang, "catalogue.version", { version: catalogue.version })]),
    el("p", { class: "meta catalogue-counts", id: "catalogue-counts", "data-pl1": counts.pl1, "data-pl2": counts.pl2 }, [t(lang, "catalogue.counts", counts)]),
  ];
}

export function renderCatalogueErrors(errors: CatalogueErrorItem[], lang: Lang): HTMLElement {
  return el("div", { class: "catalogue-errors" }, [
    el("h3", undefined, [t(lang, "catalogue.errorsHeading"), " (" + errors.length + ")"]),
    el("ul", undefined, errors.map((e) => el("li", { class: "catalogue-error" }, [el("code", { class: "catalogue-error-path" }, [e.path || "/"]), " ", pick(e.message, lang)]))),
  ]);
}

/** The features this Excel lacks, in the user's words (never the requirement-set names). */
export function renderCapabilities(missing: string[] | null, lang: Lang): HTMLElement {
  if (missing === null) return el("p", { class: "caps caps--no-excel" }, [t(lang, "caps.noExcel")]);
  const known = missing.filter((k) => ("caps." + k) in CAPS_KEYS);
  return el("div", { class: "caps caps--missing" }, [
    el("p", undefined, [t(lang, "caps.intro")]),
    el("ul", undefined, known.map((k) => el("li", undefined, [t(lang, ("caps." + k) as StringKey)]))),
  ]);
}

const CAPS_KEYS: Record<string, true> = {
  "caps.protection": true,
  "caps.conditionalFormats": true,
  "caps.hyperlinks": true,
  "caps.events": true,
  "caps.freezePanes": true,
  "caps.dataValidation": true,
  "caps.pageLayout": true,
  "caps.notes": true,
  "caps.mergedAreas": true,
};
