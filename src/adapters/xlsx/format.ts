/**
 * The text Excel would display for a cell, from its value and number format.
 *
 * Covered: General, fixed decimals (0, 0.0, 0.00 …), thousands grouping (#,##0 …),
 * percents (0%, 0.0% …), text (@), literals in quotes or after a backslash, [colour]
 * and [$-locale] prefixes, positive;negative;zero;text sections, and dates/times
 * (d, dd, ddd, dddd, m, mm, mmm, mmmm, yy, yyyy, h, hh, mm, ss, AM/PM).
 * Not covered: fractions (# ?/?), scientific notation beyond General's own, conditions
 * ([>100]), fill/padding characters (* and _ are dropped or rendered as a space),
 * elapsed time ([h]). Those fall back to General. `locale: "vi"` displays a decimal
 * comma and dot thousands as Vietnamese Excel does; the default mirrors en-US Excel.
 */

export type DisplayLocale = "en" | "vi";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Built-in number format ids ExcelJS may leave unresolved. */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
  12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && i + 1 < fmt.length) { cur += ch + fmt[i + 1]; i++; continue; }
    if (ch === ";" && !quoted) { out.push(cur); cur = ""; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** The format with quoted literals, escapes and bracketed prefixes removed: what the tokens are. */
export function stripLiterals(fmt: string): string {
  return fmt.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/[_*]./g, "");
}

export function isDateFormat(fmt: string): boolean {
  if (!fmt || /^general$/i.test(fmt)) return false;
  const core = stripLiterals(splitSections(fmt)[0]);
  if (/^\[h+\]|\[m+\]|\[s+\]/i.test(fmt)) return true;
  return /[dmyhs]/i.test(core.replace(/AM\/PM|A\/P/gi, "h")) && !/[0#?]/.test(core.replace(/ss\.0+/g, ""));
}

export function isPercentFormat(fmt: string): boolean {
  return stripLiterals(fmt).includes("%");
}

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** General: up to 11 significant characters, like Excel's cell display. */
export function formatGeneral(n: number, locale: DisplayLocale = "en"): string {
  if (!isFinite(n)) return String(n);
  if (n === 0) return "0";
  // Fast path: a number whose shortest form fits General's 11 characters is shown as is
  // (at most ten digits, so no rounding applies). Most numbers in a sheet are like that.
  const plain = String(n);
  if (plain.length <= 11 && plain.indexOf("e") < 0) return locale === "vi" ? plain.replace(".", ",") : plain;
  const abs = Math.abs(n);
  let s: string;
  if (abs >= 1e11 || abs < 1e-9) {
    s = n.toExponential(5).replace(/\.?0+e/, "E").replace(/E([+-])(\d)$/, "E$10$2").replace("e", "E");
  } else {
    const intDigits = abs >= 1 ? Math.floor(Math.log10(abs)) + 1 : 1;
    const decimals = Math.max(0, 10 - intDigits);
    s = n.toFixed(decimals);
    if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  }
  return locale === "vi" ? s.replace(".", ",") : s;
}

function formatNumberSection(n: number, section: string, locale: DisplayLocale, withSign: boolean): string {
  // Separate literal text from the numeric pattern while keeping its position.
  let prefix = "";
  let suffix = "";
  let pattern = "";
  let seenDigit = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    let lit: string | null = null;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      lit = section.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      lit = section[i + 1] ?? "";
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      i = end < 0 ? section.length : end;
      continue;
    } else if (ch === "_") {
      lit = " ";
      i++;
    } else if (ch === "*") {
      i++;
      continue;
    } else if ("0#?.,".includes(ch)) {
      pattern += ch;
      seenDigit = true;
      continue;
    } else if (ch === "%") {
      lit = "%";
    } else {
      lit = ch;
    }
    if (lit !== null) {
      if (seenDigit) suffix += lit;
      else prefix += lit;
    }
  }
  const percent = isPercentFormat(section);
  let v = Math.abs(n) * (percent ? 100 : 1);
  // Trailing commas scale by thousands ("#,##0," shows thousands).
  let pat = pattern;
  const trailing = /,+$/.exec(pattern);
  if (trailing) {
    v /= Math.pow(1000, trailing[0].length);
    pat = pattern.slice(0, pattern.length - trailing[0].length);
  }
  const dot = pat.indexOf(".");
  const intPat = dot >= 0 ? pat.slice(0, dot) : pat;
  const fracPat = dot >= 0 ? pat.slice(dot + 1).replace(/,/g, "") : "";
  const required = (fracPat.match(/0/g) || []).length;
  const decimals = fracPat.length;
  let s = v.toFixed(decimals);
  let [ip, fp = ""] = s.split(".");
  // Optional decimals (#) drop trailing zeros beyond the required ones.
  while (fp.length > required && fp.endsWith("0")) fp = fp.slice(0, -1);
  const minInt = (intPat.match(/0/g) || []).length;
  if (ip === "0" && minInt === 0) ip = "";
  while (ip.length < minInt) ip = "0" + ip;
  const grouped = intPat.includes(",");
  const sep = locale === "vi" ? "." : ",";
  const dec = locale === "vi" ? "," : ".";
  if (grouped) ip = groupThousands(ip, sep);
  s = ip + (fp.length > 0 ? dec + fp : "");
  if (s === "") s = "0";
  const negative = n < 0 && withSign && Number(s.replace(/[^0-9]/g, "")) !== 0;
  return (negative ? "-" : "") + prefix + s + suffix;
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

/** Excel serial (1900 system) → calendar parts, keeping Excel's phantom 29 Feb 1900. */
function serialParts(serial: number) {
  const whole = Math.floor(serial);
  const frac = serial - whole;
  let days = whole;
  if (days > 59) days -= 1;
  const d = new Date(Date.UTC(1899, 11, 31) + days * 86400000);
  const secs = Math.round(frac * 86400);
  return {
    y: whole === 60 ? 1900 : d.getUTCFullYear(),
    m: whole === 60 ? 2 : d.getUTCMonth() + 1,
    d: whole === 60 ? 29 : d.getUTCDate(),
    wd: d.getUTCDay(),
    H: Math.floor(secs / 3600) % 24,
    M: Math.floor(secs / 60) % 60,
    S: secs % 60,
  };
}

export function formatDate(serial: number, section: string): string {
  const p = serialParts(serial);
  const hasAmPm = /AM\/PM|A\/P/i.test(section);
  let out = "";
  let lastWasHour = false;
  const tokens = section.match(/"[^"]*"|\\.|\[[^\]]*\]|AM\/PM|A\/P|y+|m+|d+|h+|s+|./gi) || [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.toLowerCase();
    if (t.startsWith('"')) { out += t.slice(1, -1); continue; }
    if (t.startsWith("\\")) { out += t.slice(1); continue; }
    if (t.startsWith("[")) continue;
    if (/^am\/pm$/i.test(t)) { out += p.H < 12 ? "AM" : "PM"; continue; }
    if (/^a\/p$/i.test(t)) { out += p.H < 12 ? "A" : "P"; continue; }
    if (lower[0] === "y") { out += lower.length <= 2 ? pad2(p.y % 100) : String(p.y); lastWasHour = false; continue; }
    if (lower[0] === "d") {
      out += lower.length === 1 ? String(p.d) : lower.length === 2 ? pad2(p.d) : lower.length === 3 ? DAYS[p.wd].slice(0, 3) : DAYS[p.wd];
      lastWasHour = false;
      continue;
    }
    if (lower[0] === "h") {
      const h = hasAmPm ? (p.H % 12 === 0 ? 12 : p.H % 12) : p.H;
      out += lower.length === 1 ? String(h) : pad2(h);
      lastWasHour = true;
      continue;
    }
    if (lower[0] === "s") { out += lower.length === 1 ? String(p.S) : pad2(p.S); lastWasHour = false; continue; }
    if (lower[0] === "m") {
      // "m" after an hour or before seconds means minutes.
      const nextReal = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x) && !/^am\/pm|a\/p$/i.test(x));
      const isMinute = lower.length <= 2 && (lastWasHour || (nextReal !== undefined && nextReal.toLowerCase()[0] === "s"));
      if (isMinute) out += lower.length === 1 ? String(p.M) : pad2(p.M);
      else if (lower.length === 1) out += String(p.m);
      else if (lower.length === 2) out += pad2(p.m);
      else if (lower.length === 3) out += MONTHS[p.m - 1].slice(0, 3);
      else if (lower.length === 5) out += MONTHS[p.m - 1][0];
      else out += MONTHS[p.m - 1];
      lastWasHour = false;
      continue;
    }
    out += t;
  }
  return out;
}

/** Displayed text of a number under a number format. */
export function formatNumber(n: number, fmt: string | undefined, locale: DisplayLocale = "en"): string {
  const f = (fmt ?? "").trim();
  if (f === "" || /^general$/i.test(f) || f === "@") return formatGeneral(n, locale);
  const sections = splitSections(f);
  let section = sections[0];
  let withSign = true;
  if (n < 0 && sections.length >= 2 && sections[1] !== "") { section = sections[1]; withSign = false; }
  else if (n === 0 && sections.length >= 3 && sections[2] !== "") section = sections[2];
  if (/^general$/i.test(stripLiterals(section).trim())) return formatGeneral(n, locale);
  if (isDateFormat(section)) {
    if (n < 0) return "#".repeat(10);
    return formatDate(n, section);
  }
  const core = stripLiterals(section);
  if (!/[0#?]/.test(core)) {
    // Only literals (e.g. "-" for zero in accounting formats).
    return section.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1").replace(/\[[^\]]*\]/g, "").replace(/_./g, " ").replace(/\*./g, "");
  }
  if (/E[+-]/i.test(core) || /\?\/\?/.test(core)) return formatGeneral(n, locale);
  return formatNumberSection(n, section, locale, withSign);
}

