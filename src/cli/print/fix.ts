/**
 * What `nq24 fix` prints: every change on its own line (sheet!cell: before → after, rule),
 * the likely fixes left for a look, those on protected sheets, and the counts before and
 * after; or the same as JSON for scripts.
 */
import { fixText, type Fix } from "../../engine/fix";
import type { Lang } from "../../usecases/language";
import type { FixFileResult } from "../../usecases/fixFile";

function fixJson(f: Fix, lang: Lang) {
  const t = fixText(f, lang);
  return {
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    certainty: f.certainty,
    before: { value: f.before.value, numberFormat: f.before.numberFormat },
    after: { value: f.after.value, numberFormat: f.after.numberFormat ?? f.before.numberFormat },
    also: f.also ? { sheet: f.also.sheet, cell: f.also.cell, before: f.also.before.value, after: f.also.after.value } : null,
    alternatives: (f.alternatives ?? []).map((a) => a.value),
    detail: t.detail ?? null,
  };
}

export function fixReportJson(r: FixFileResult, lang: Lang, dryRun: boolean): unknown {
  return {
    file: r.file,
    sha256: r.hash,
    dryRun,
    out: r.written ?? null,
    applied: r.applied.map((f) => fixJson(f, lang)),
    notApplied: r.leftLikely.map((f) => fixJson(f, lang)),
    onProtectedSheets: r.onProtected.map((f) => fixJson(f, lang)),
    before: r.before.plan.verdict.counts,
    after: r.after.plan.verdict.counts,
    ready: r.after.plan.verdict.ready,
  };
}

export function fixReportText(r: FixFileResult, lang: Lang, dryRun: boolean): string {
  const L = (vi: string, en: string) => (lang === "en" ? en : vi);
  let s = `${L("File", "File")}: ${r.file}\n`;
  if (!r.planned.length) return s + L("Không có ô nào sửa tự động được.\n", "Nothing to fix automatically.\n");
  s += (dryRun ? L("Sẽ sửa", "Would fix") : L("Đã sửa", "Fixed")) + ` (${r.applied.length}):\n`;
  for (const f of r.applied) s += `  ${fixText(f, lang).line}\n`;
  if (r.leftLikely.length) {
    s += "\n" + L(`Chưa sửa — nên xem lại trước (${r.leftLikely.length}; thêm --likely để sửa theo cách đề xuất):`, `Not fixed — worth a look first (${r.leftLikely.length}; add --likely to apply the proposed fix):`) + "\n";
    for (const f of r.leftLikely) s += `  ${fixText(f, lang).line}\n`;
  }
  if (r.onProtected.length) {
    const sheets = Array.from(new Set(r.onProtected.map((f) => f.sheet))).join(", ");
    s += "\n" + L(`Không sửa — trang được bảo vệ (${sheets}), hãy bỏ bảo vệ nếu muốn sửa (${r.onProtected.length}):`, `Not fixed — protected sheet (${sheets}); unprotect it to fix (${r.onProtected.length}):`) + "\n";
    for (const f of r.onProtected) s += `  ${fixText(f, lang).line}\n`;
  }
  const a = r.before.plan.verdict.counts;
  const b = r.after.plan.verdict.counts;
  s += "\n" + L(`Lỗi ${a.error} → ${b.error}, cảnh báo ${a.warning} → ${b.warning}, lưu ý ${a.info} → ${b.info}`, `Errors ${a.error} → ${b.error}, warnings ${a.warning} → ${b.warning}, info ${a.info} → ${b.info}`) + "\n";
  s += `${r.after.plan.verdict.ready ? "✔" : "✖"} ${r.after.plan.verdict.message[lang]}\n`;
  if (r.written) s += "\n" + L("Bản đã sửa", "Fixed copy") + `: ${r.written}\n`;
  else if (dryRun) s += "\n" + L("(--dry-run: không ghi file nào)", "(--dry-run: no file written)") + "\n";
  return s;
}
