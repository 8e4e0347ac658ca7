/**
 * The value parser: what the engine understands of every cell value. One module per concern,
 * under values/:
 *   text.ts     folding and normalising text (NFC/NFD, diacritics, spaces, dashes, quotes)
 *   units.ts    the units written after numbers, and the hint a catalogue row gives
 *   numbers.ts  number tokens, driven by a table of group/decimal conventions
 *   grammar.ts  words, bounds, ranges, count of total, multi: text → ParsedValue
 *   cells.ts    an Excel cell (value, type, number format, text) → ParsedValue
 *
 * Pure and ES5-safe: no Node/DOM/Office, no lookbehind/named groups/u/s/y regex flags,
 * every regex compiled once at load.
 *
 * States (ParsedValue.state):
 *  - blank          "", spaces, null.
 *  - noData         "-", "--", "—", "…", "...", "Không có số liệu", "chưa có số liệu" (+ words).
 *  - notApplicable  "Không có" (+ words), "Không áp dụng", "KAD", "N/A", "không phát sinh" (+ words).
 *  - yesno          Có/Đã/Đạt/Rồi/x/TRUE → yes; Không/Chưa/Chưa đạt/Chưa có/FALSE → no; Excel booleans.
 *                   With hint kind "yesno" also "Không có" (no) and answers with a reason
 *                   ("Chưa có hệ thống …" → no, description = the reason).
 *  - number         a number with an optional unit and nothing else (filler words like
 *                   "đạt", "khoảng", "Có", "Hiện có" in front allowed); with hint kind count or
 *                   countDescription also a number with words around it (description/label).
 *  - bound          ">85%", "trên 98%", "tối thiểu 90%", "từ 90% trở lên": bound + measure.
 *  - range          "8–10%", "từ 8 đến 10%": range {low, high, unit}; no measure.
 *  - countOfTotal   "2/2 đạt 100%": count {part, total, percent?, what?}; measure = part/total in %
 *                   (absent when total is 0). part > total is kept for the rules to flag.
 *  - multi          ";"-separated measures: measures[], measure = the first.
 *  - error          "#N/A", "#REF!"… (Error cells or the text): errorCode upper-case.
 *  - text           anything else. A number inside words ("Hiện có 02 làng nghề") is kept
 *                   in measure (unit only if written next to it), the words after it in
 *                   description, the words before it (not filler) in measure.label.
 *                   Dates (Excel date-formatted numbers, "15/05/2023") set looksLikeDate.
 */

export { composeVietnamese, foldForMatch, normaliseText } from "./values/text";
export { normaliseUnit, type ValueHint } from "./values/units";
export { formatViNumber, NUMBER_CONVENTIONS, type NumberConvention } from "./values/numbers";
export { parseText } from "./values/grammar";
export { parseCell, type CellInput } from "./values/cells";
