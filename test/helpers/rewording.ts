/**
 * Labels as staff rewrite them, generated from a catalogue label: abbreviated, typed
 * without diacritics or in capitals, numbered, with filler words dropped, a unit added or
 * removed, another spelling, a typing slip, cut short, a place added, a near-synonym. Each
 * keeps the indicator's meaning or loses part of it; none names another indicator, so the
 * matcher must give the indicator itself or nothing.
 */
import type { Abbreviation, IndicatorRow } from "../../src/catalogue/types";

export function noDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

/** Long forms replaced by their abbreviations, longest first, whatever their case in the label. */
export function abbreviate(label: string, list: Abbreviation[]): string {
  let out = label;
  const sorted = list.slice().sort((a, b) => b.long.length - a.long.length);
  for (const a of sorted) {
    if (a.long.split(" ").length < 2) continue;
    const re = new RegExp(`(^|[^\\p{L}])${a.long.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|[^\\p{L}])`, "giu");
    out = out.replace(re, (_m, pre: string) => `${pre}${a.short}`);
  }
  return out;
}

const FILLER = ["các", "được", "của", "những", "đã"];

export interface Rewording {
  kind: string;
  text: string;
}

function dropMarker(s: string): string {
  return s.replace(/^[-+]\s*/, "");
}

/** One letter dropped from the label's longest word (a slip), or two letters swapped. */
function slip(s: string, swap: boolean): string {
  const words = s.split(" ");
  let k = 0;
  words.forEach((w, i) => {
    if (w.length > words[k].length) k = i;
  });
  const w = words[k];
  if (w.length < 5) return s;
  const at = Math.floor(w.length / 2);
  words[k] = swap ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w.slice(0, at) + w.slice(at + 1);
  return words.join(" ");
}

const SYNONYMS: [RegExp, string][] = [
  [/đô thị/g, "thành thị"],
  [/dân số/g, "dân cư"],
  [/bình quân/g, "trung bình"],
  [/Tỷ lệ/g, "Tỉ lệ"],
  [/tỷ lệ/g, "tỉ lệ"],
  [/Số lượng/g, "SL"],
];

/** The generated rewordings of one indicator's label. */
export function rewordings(row: IndicatorRow, abbreviations: Abbreviation[]): Rewording[] {
  const l = row.labelVi;
  const bare = dropMarker(l);
  const out: Rewording[] = [
    { kind: "abbreviated", text: abbreviate(l, abbreviations) },
    { kind: "no diacritics", text: noDiacritics(l) },
    { kind: "capitals", text: l.toUpperCase() },
    { kind: "numbered", text: `1.2. ${bare}` },
    { kind: "lettered", text: `b) ${bare}` },
    { kind: "filler dropped", text: bare.split(" ").filter((w) => FILLER.indexOf(w.toLowerCase()) < 0).join(" ") },
    { kind: "unit in brackets", text: /\(.*\)\s*$/.test(bare) ? bare.replace(/\s*\([^()]*\)\s*$/, "") : `${bare} (${row.unit || "%"})` },
    { kind: "dropped letter", text: slip(bare, false) },
    { kind: "swapped letters", text: slip(bare, true) },
    { kind: "cut short", text: bare.split(" ").slice(0, Math.max(3, bare.split(" ").length - 2)).join(" ") },
    { kind: "place added", text: `${bare} trên địa bàn thành phố` },
    { kind: "near-synonym", text: SYNONYMS.reduce((s, [re, to]) => s.replace(re, to), bare) },
    { kind: "abbreviated, no diacritics, capitals", text: noDiacritics(abbreviate(l, abbreviations)).toUpperCase() },
  ];
  return out.filter((r) => r.text.trim() !== "");
}

/** Labels as staff wrote them in other provinces' tables, with the indicator each names (null: none clearly). */
export const HAND_WRITTEN: [string, string | null][] = [
  ["Tỷ lệ CTR sinh hoạt đô thị được thu gom, xử lý", "PL1-15"],
  ["Tỷ lệ CTNH được tiêu hủy, xử lý", "PL1-16"],
  ["Tỷ lệ CTYT được xử lý", "PL1-17"],
  ["Tỷ lệ KCN, KCX đã đi vào hoạt động có hệ thống XLNT tập trung", "PL1-13"],
  ["Tỷ lệ xã đạt chuẩn VSMT theo tiêu chí NTM", "PL1-28"],
  ["Tỷ lệ DT đất bị ô nhiễm do hóa chất BVTV tồn lưu được xử lý, cải tạo, phục hồi", "PL1-21"],
  ["Số giống cây trồng mới được nghiên cứu, ứng dụng để ứng phó BĐKH", "PL2-005"],
  ["Số chương trình truyền thông về BĐKH, PCTT được tổ chức", "PL2-010"],
  ["Số lượng các KCN đã hoạt động", "PL2-052"],
  ["Tổng diện tích đất các KCN đã hoạt động", "PL2-053"],
  ["Tỷ lệ lấp đầy các CCN đã hoạt động", "PL2-057"],
  ["Số lượng các CCN đã hoạt động", "PL2-055"],
  ["Số tiền xử phạt VPHC khai thác KS trái phép/không phép", "PL2-044"],
  ["Tỷ lệ bệnh viện có HTXLNT đạt yêu cầu", "PL2-103"],
  ["Tỷ lệ CTRSH được xử lý đáp ứng yêu cầu về BVMT", "PL2-105"],
  ["Tỷ lệ CTR nông thôn được xử lý", "PL2-109"],
  ["Tỷ lệ nước thải sinh hoạt đô thị được thu gom, xử lý đạt QCVN", "PL2-093"],
  ["Số lượng, tỷ lệ % báo cáo ĐTM được phê duyệt qua các năm", "PL2-088"],
  ["Tỷ lệ hộ gia đình nông thôn sử dụng nhà tiêu HVS", "PL2-116"],
  ["Số cơ sở gây ÔNMT nghiêm trọng theo QĐ 1788/QĐ-TTg được xử lý", "PL2-118"],
  ["Số vụ bắt giữ ĐVHD bị buôn bán trái phép", "PL2-126"],
  ["Tỷ lệ % xã đạt tiêu chí NTM", "PL2-098"],
  ["Tổng các khoản thu tài chính từ đất đai (triệu đồng)", "PL2-051"],
  // Too little to tell which: the wind, solar and biomass rows; QĐ 64 or 1788; collected or treated.
  ["Tổng số dự án", null],
  ["Số cơ sở gây ô nhiễm môi trường nghiêm trọng được xử lý", null],
  ["Tỷ lệ chất thải rắn", null],
];
