/**
 * The national catalogue against the seed itself: the seed's tables are read by an
 * independent reader (test/helpers/seedTables.ts) and compared row by row.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readSeedAppendices, SeedRow } from "./helpers/seedTables";
import { findRow, headings, indicators, isIndicator, linkedIndicators, nationalCatalogue, pathRows } from "../src/catalogue";
import type { CatalogueRow, IndicatorRow } from "../src/catalogue";

const seed = readSeedAppendices();
const cat = nationalCatalogue;
const rows = cat.rows;

/** Seed row and catalogue row at the same position. */
const pairs: { s: SeedRow; r: CatalogueRow; i: number }[] = seed.map((s, i) => ({ s, r: rows[i], i }));

const marker = (label: string) => (/^[-+] /.test(label) ? label.slice(0, 2) : /^[-+]/.test(label) ? label[0] : "");

describe("rows follow the seed one for one", () => {
  test("same number of rows in each appendix, PL1 first", () => {
    for (const ap of ["PL1", "PL2"] as const) {
      expect(rows.filter((r) => r.appendix === ap).length).toBe(seed.filter((s) => s.appendix === ap).length);
    }
    expect(rows.length).toBe(seed.length);
    const firstPL2 = rows.findIndex((r) => r.appendix === "PL2");
    expect(rows.slice(firstPL2).every((r) => r.appendix === "PL2")).toBe(true);
  });

  test("same order, appendix, STT and original label", () => {
    for (const { s, r } of pairs) {
      expect({ appendix: r.appendix, stt: r.stt, label: r.labelOriginal }).toEqual({ appendix: s.appendix, stt: s.stt, label: s.label });
    }
  });

  test("indicator rows are exactly the seed's indicator rows", () => {
    for (const { s, r } of pairs) expect([r.id, r.type === "indicator"]).toEqual([r.id, s.isIndicator]);
    for (const ap of ["PL1", "PL2"] as const) {
      expect(indicators(cat, ap).length).toBe(seed.filter((s) => s.appendix === ap && s.isIndicator).length);
    }
  });

  test("the counts the product states (30 targets, 130 task indicators) hold", () => {
    expect(indicators(cat, "PL1")).toHaveLength(30);
    expect(indicators(cat, "PL2")).toHaveLength(130);
  });

  test("rows with an STT are sections; heading rows without one are groups or subgroups", () => {
    for (const { s, r } of pairs) {
      if (s.isIndicator) continue;
      if (s.stt !== "") expect([r.id, r.type]).toEqual([r.id, "section"]);
      else expect(["group", "subgroup"]).toContain(r.type);
    }
  });
});

describe("ids", () => {
  test("unique", () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  test("indicators PL1-01.. and PL2-001.., headings PLn-H01.., numbered in seed order", () => {
    for (const ap of ["PL1", "PL2"] as const) {
      const width = ap === "PL1" ? 2 : 3;
      indicators(cat, ap).forEach((r, k) => expect(r.id).toBe(`${ap}-${String(k + 1).padStart(width, "0")}`));
      headings(cat, ap).forEach((r, k) => expect(r.id).toBe(`${ap}-H${String(k + 1).padStart(2, "0")}`));
    }
  });
});

describe("nesting", () => {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const sttRank = (stt: string) => (/^[IVX]+$/.test(stt) ? 0 : /^[A-Z]$/.test(stt) ? 1 : 2);

  test("every path id is a heading earlier in the same appendix, and paths form a tree", () => {
    rows.forEach((r, i) => {
      r.path.forEach((id) => {
        const at = index.get(id);
        expect(at).toBeDefined();
        const h = rows[at as number];
        expect(h.type).not.toBe("indicator");
        expect(h.appendix).toBe(r.appendix);
        expect(at as number).toBeLessThan(i);
      });
      if (r.path.length > 0) {
        const parent = findRow(cat, r.path[r.path.length - 1]) as CatalogueRow;
        expect(r.path).toEqual([...parent.path, parent.id]);
      }
    });
  });

  test("STT sections nest as the seed numbers them (PL2: A/B/C under II, 1/2/3 under C)", () => {
    // The enclosing sections follow from the STT sequence alone: a section sits inside the
    // latest section of a higher rank (roman > letter > digit) in the same appendix.
    for (const ap of ["PL1", "PL2"] as const) {
      const open: { rank: number; id: string }[] = [];
      pairs
        .filter(({ s }) => s.appendix === ap)
        .forEach(({ s, r }) => {
          if (s.stt !== "") {
            const rank = sttRank(s.stt);
            while (open.length > 0 && open[open.length - 1].rank >= rank) open.pop();
            expect([s.stt, r.path]).toEqual([s.stt, open.map((o) => o.id)]);
            open.push({ rank, id: r.id });
          } else {
            // Every other row lies inside all currently open sections.
            expect([r.id, r.path.slice(0, open.length)]).toEqual([r.id, open.map((o) => o.id)]);
          }
        });
    }
    const ii = rows.find((r) => r.appendix === "PL2" && r.stt === "II") as CatalogueRow;
    const c = rows.find((r) => r.appendix === "PL2" && r.stt === "C") as CatalogueRow;
    for (const stt of ["A", "B", "C"]) expect(rows.find((r) => r.appendix === "PL2" && r.stt === stt)?.path).toEqual([ii.id]);
    for (const stt of ["1", "2", "3"]) expect(rows.find((r) => r.appendix === "PL2" && r.stt === stt)?.path).toEqual([ii.id, c.id]);
  });

  test("a heading immediately followed by another heading is its parent", () => {
    for (let i = 0; i + 1 < pairs.length; i++) {
      const a = pairs[i];
      const b = pairs[i + 1];
      if (a.s.isIndicator || b.s.isIndicator || a.s.appendix !== b.s.appendix) continue;
      if (b.s.stt !== "" && (a.s.stt === "" || sttRank(b.s.stt) <= sttRank(a.s.stt))) continue; // a new section of the same rank
      expect([b.r.id, b.r.path[b.r.path.length - 1]]).toEqual([b.r.id, a.r.id]);
    }
  });

  test('every "+" row hangs under the nearest heading above it, the "- " heading where there is one', () => {
    let plus = 0;
    pairs.forEach(({ s, r, i }) => {
      if (!s.label.startsWith("+")) return;
      plus++;
      let k = i - 1;
      while (k >= 0 && pairs[k].s.isIndicator) k--;
      const heading = pairs[k];
      expect([r.id, r.path[r.path.length - 1]]).toEqual([r.id, heading.r.id]);
      if (heading.s.label.startsWith("- ")) expect(heading.r.type).toBe("subgroup");
    });
    expect(plus).toBeGreaterThan(0);
  });

  test('"- X" headings over "+" rows are subgroups, e.g. Lĩnh vực nông nghiệp > - Trồng trọt > + …', () => {
    pairs.forEach(({ s, r }) => {
      if (!s.isIndicator && s.label.startsWith("- ")) expect([r.id, r.type]).toEqual([r.id, "subgroup"]);
    });
    const trong = rows.find((r) => r.labelOriginal === "- Trồng trọt") as CatalogueRow;
    expect(pathRows(cat, trong).map((h) => h.labelVi).pop()).toBe("Lĩnh vực nông nghiệp");
  });

  test("every indicator's parent is the nearest heading above it or one of that heading's ancestors", () => {
    pairs.forEach(({ s, r, i }) => {
      if (!s.isIndicator) return;
      expect(r.path.length).toBeGreaterThan(0);
      let k = i - 1;
      while (pairs[k].s.isIndicator) k--;
      const nearest = pairs[k].r;
      const parent = r.path[r.path.length - 1];
      expect([...nearest.path, nearest.id]).toContain(parent);
    });
  });
});

describe("labels", () => {
  // The slips the brief names, applied to the seed's wording, must give the shown wording.
  const SLIPS: [string, string][] = [
    ["Nhị quyết", "Nghị quyết"],
    ["kiển thức", "kiến thức"],
    ["Lình vực", "Lĩnh vực"],
    ["sử ụng", "sử dụng"],
    ["bện viện", "bệnh viện"],
    ["tô chức", "tổ chức"],
    ["khí nhà kinh", "khí nhà kính"],
    ["các ùng bị", "các vùng bị"],
    ["thiện tai", "thiên tai"],
    ["tìm kiểm", "tìm kiếm"],
    ["xa taxi", "xe taxi"],
    ["công ngiệp", "công nghiệp"],
    ["sạt nở", "sạt lở"],
    ["mùa vụ,,", "mùa vụ,"],
    ["tiêu tiêu chí", "tiêu chí"],
    ["QĐ-TTG", "QĐ-TTg"],
    ["- bảo vệ khoáng", "- Bảo vệ khoáng"],
    ["- tỷ lệ chất thải", "- Tỷ lệ chất thải"],
  ];
  const fix = (s: string) => SLIPS.reduce((acc, [a, b]) => acc.split(a).join(b), s).replace(/ {2,}/g, " ");

  test("labelVi is the seed's wording with exactly the slips fixed", () => {
    for (const r of rows) expect([r.id, r.labelVi]).toEqual([r.id, fix(r.labelOriginal)]);
  });

  test("no slip survives in labelVi, and some were really fixed", () => {
    for (const r of rows) {
      for (const [slip] of SLIPS) expect(r.labelVi).not.toContain(slip);
      expect(r.labelVi).not.toMatch(/ {2}/);
    }
    expect(rows.filter((r) => r.labelVi !== r.labelOriginal).length).toBeGreaterThan(10);
    expect(rows.some((r) => r.labelOriginal.includes("Lình vực"))).toBe(true);
  });

  test('labelVi and labelEn keep the leading "- " / "+ " marker', () => {
    for (const r of rows) {
      expect([r.id, marker(r.labelVi)]).toEqual([r.id, marker(r.labelOriginal)]);
      expect([r.id, marker(r.labelEn)]).toEqual([r.id, marker(r.labelOriginal)]);
    }
  });

  test("every row has an English label of its own", () => {
    for (const r of rows) {
      expect(r.labelEn.trim().length).toBeGreaterThan(3);
      expect(r.labelEn).not.toBe(r.labelVi);
      // English text: no Vietnamese tone marks outside decision numbers such as 64/QĐ-TTg.
      expect([r.id, /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(r.labelEn)]).toEqual([r.id, false]);
    }
  });
});

describe("targets", () => {
  test("exactly the PL1 rows whose target cell has a value carry a target, with the seed's text", () => {
    for (const { s, r } of pairs) {
      const cell = (s.target ?? "").trim();
      const t = isIndicator(r) ? r.target : undefined;
      if (s.appendix === "PL1" && cell !== "") {
        expect(t).toBeDefined();
        expect(t?.text).toBe(cell);
      } else {
        expect([r.id, t]).toEqual([r.id, undefined]);
      }
    }
    expect(indicators(cat).filter((r) => r.target)).toHaveLength(pairs.filter(({ s }) => (s.target ?? "").trim() !== "").length);
  });

  test("op and value read the target text; a bare figure means at least", () => {
    for (const r of indicators(cat)) {
      if (!r.target) continue;
      const m = /^([<>]=?)?\s*(\d+(?:,\d+)?)\s*%$/.exec(r.target.text);
      expect(m).not.toBeNull();
      const [, op, num] = m as RegExpExecArray;
      expect(r.target.op).toBe(op ?? ">=");
      expect(r.target.value).toBe(Number(num.replace(",", ".")));
      expect(r.target.unit).toBe("%");
      // A ceiling means less is better, a floor more.
      expect(r.direction).toBe(r.target.op.startsWith("<") ? "lower" : "higher");
    }
  });
});

describe("kinds, units and directions", () => {
  const byLabel = (ap: "PL1" | "PL2", text: string): IndicatorRow => {
    const hits = indicators(cat, ap).filter((r) => r.labelOriginal.includes(text));
    expect(hits.map((h) => h.labelOriginal)).toHaveLength(1);
    return hits[0];
  };

  test("the kinds the brief names", () => {
    for (const r of indicators(cat)) {
      if (/Số lượng và loại hình mô hình/.test(r.labelOriginal)) expect(r.kind).toBe("countDescription");
      if (/^- Tỉnh, thành phố .* chưa\?$/.test(r.labelOriginal)) expect([r.id, r.kind, r.unit]).toEqual([r.id, "yesno", ""]);
      if (/\(%\)$/.test(r.labelOriginal)) expect([r.id, r.kind]).toEqual([r.id, "percent"]);
    }
    expect(byLabel("PL2", "Diện tích và độ che phủ rừng").kind).toBe("area");
    for (const t of ["Ước tính tổng thiệt hại", "Tổng số tiền thu"]) expect(byLabel("PL1", t).kind).toBe("money");
    expect(byLabel("PL2", "Số tiền xử phạt").kind).toBe("money");
  });

  test('the row the seed fills with "2/2 đạt 100%" is count-of-total', () => {
    const at = pairs.filter(({ s }) => /^\d+\/\d+/.test(s.result.trim()));
    expect(at.length).toBeGreaterThan(0);
    for (const { r } of at) expect([r.id, (r as IndicatorRow).kind]).toEqual([r.id, "countOfTotal"]);
  });

  test("every value the seed writes with % sits on a percent or count-of-total row", () => {
    for (const { s, r } of pairs) {
      if (!s.isIndicator) continue;
      if ([s.baseline, s.result].some((v) => /%\s*$/.test(v) && !/;/.test(v))) expect(["percent", "countOfTotal"]).toContain((r as IndicatorRow).kind);
    }
  });

  test("units agree with kinds", () => {
    for (const r of indicators(cat)) {
      if (r.kind === "percent") expect([r.id, r.unit]).toEqual([r.id, "%"]);
      if (r.kind === "money") expect(r.unit).toMatch(/đồng/);
      if (r.kind === "yesno" || r.kind === "text") expect(r.unit).toBe("");
      if (r.kind === "area") expect(["ha", "m²/người", "m²"]).toContain(r.unit);
    }
  });

  test("deaths, damage, pollution, landfill share and violations: less is better", () => {
    for (const t of ["Số người chết", "Ước tính tổng thiệt hại", "chôn lấp trực tiếp", "mới phát sinh tại địa phương"]) {
      expect([t, byLabel("PL1", t).direction]).toEqual([t, "lower"]);
    }
    for (const t of ["mới phát sinh", "trái phép/không có giấy phép", "Số tiền xử phạt", "Tỷ lệ thất thoát nước sạch"]) {
      expect([t, byLabel("PL2", t).direction]).toEqual([t, "lower"]);
    }
    expect(byLabel("PL1", "Độ che phủ của rừng").direction).toBe("higher");
  });
});

describe("links between the appendices", () => {
  test("symmetric, to existing indicators of the other appendix", () => {
    for (const r of indicators(cat)) {
      for (const id of r.links) {
        const other = findRow(cat, id);
        expect(other && isIndicator(other)).toBe(true);
        expect((other as IndicatorRow).appendix).not.toBe(r.appendix);
        expect((other as IndicatorRow).links).toContain(r.id);
      }
      expect(new Set(r.links).size).toBe(r.links.length);
    }
  });

  // Pairs named in the brief, found by the seed's own wording.
  const PAIRS: [string, string][] = [
    ["Tỷ lệ dân cư thành thị được sử dụng nước sạch", "Tỷ lệ dân số đô thị được sử dụng nước sạch"],
    ["Tỷ lệ dân cư nông thôn được sử dụng nước sinh hoạt hợp vệ sinh", "Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh"],
    ["Tỷ lệ chất thải y tế được xử lý", "Tỷ lệ chất thải y tế được thu gom, xử lý"],
    ["Tỷ lệ chất thải nguy hại được tiêu hủy", "Tỷ lệ chất thải nguy hại được thu gom"],
    ["Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý (%)", "Tỷ lệ chất thải rắn đô thị được thu gom"],
    ["cây xanh bình quân đầu người", "cây xanh bình quân đầu người"],
    ["Độ che phủ của rừng", "Diện tích và độ che phủ rừng"],
    ["theo QĐ 64/QĐ-TTg", "theo QĐ 64/QĐ-TTg"],
    ["theo QĐ 1788/QĐ-TTg", "theo QĐ 1788/QĐ-TTg"],
    ["mới phát sinh tại địa phương", "Số cơ sở gây ô nhiễm môi trường nghiêm trọng mới phát sinh"],
    ["Tỷ lệ xe buýt công cộng sử dụng nhiên liệu sạch", "Tỷ lệ xe buýt công cộng sử dụng nhiên liệu sạch"],
    ["Thị phần vận tải hành khách công cộng", "Thị phần vận tải hành khách công cộng"],
    ["Tỷ lệ diện tích đất đã được điều tra", "Tỷ lệ diện tích đất đã được điều tra"],
    ["chứng chỉ quản lý rừng bền vững", "Diện tích được cấp chứng chỉ rừng"],
    ["Tỷ lệ nước thải đô thị được thu gom", "Tỷ lệ nước thải sinh hoạt đô thị được thu gom"],
    ["Tỷ lệ khu công nghiệp, khu chế xuất", "Tỷ lệ các khu công nghiệp, khu chế xuất, khu công nghệ cao"],
    ["hóa chất BVTV tồn lưu", "hóa chất bảo vệ thực vật tồn lưu"],
    ["Tỷ lệ xã đạt chuẩn vệ sinh môi trường", "xã đạt tiêu chí môi trường"],
  ];
  const find = (ap: "PL1" | "PL2", text: string) => {
    const hits = indicators(cat, ap).filter((r) => r.labelOriginal.includes(text));
    expect([text, hits.length]).toEqual([text, 1]);
    return hits[0];
  };

  test.each(PAIRS)("%s ↔ %s", (a, b) => {
    const x = find("PL1", a);
    const y = find("PL2", b);
    expect(x.links).toContain(y.id);
    expect(linkedIndicators(cat, y.id).map((r) => r.id)).toContain(x.id);
  });

  test("the NTM row of PL2 (all criteria) is not linked to PL1's environment-criterion row", () => {
    expect(find("PL2", "Tỷ lệ % xã đạt tiêu chí nông thôn mới").links).toEqual([]);
  });
});

describe("catalogue header", () => {
  test("identity, source and the seed's column headers", () => {
    expect(cat.schemaVersion).toBe("1.1");
    expect(cat.id).toBe("nq24-national");
    expect(cat.source).toBe("Báo cáo tổng kết 10 năm NQ24 – UBND thành phố Lai Châu, 5/2023 (Phụ lục 1, Phụ lục 2)");
    const pl1 = cat.appendices.find((a) => a.id === "PL1");
    const pl2 = cat.appendices.find((a) => a.id === "PL2");
    expect(pl1?.columns.map((c) => c.key)).toEqual(["stt", "label", "target", "baseline", "result", "note"]);
    expect(pl2?.columns.map((c) => c.key)).toEqual(["stt", "label", "baseline", "result", "note"]);
    expect(pl1?.columns.map((c) => c.vi)).toEqual(["STT", "Các mục tiêu cụ thể của Nghị quyết", "Mục tiêu đề ra đến 2020", "Hiện trạng 2013", "Kết quả đạt được đến 2022", "Ghi chú"]);
    expect(pl2?.columns.map((c) => c.vi)).toEqual(["STT", "Chỉ tiêu đánh giá", "2013", "2022", "Ghi chú"]);
    for (const a of cat.appendices) for (const c of a.columns) expect(c.en.trim()).not.toBe("");
  });

  test("the header cells of the seed's tables match the PL2 headers and PL1 (corrected) headers", () => {
    const text = readFileSync(join(__dirname, "fixtures", "seed-appendices.txt"), "utf8");
    for (const a of cat.appendices) {
      for (const c of a.columns) {
        const seedHeader = c.vi.replace("Nghị quyết", "Nhị quyết"); // the seed's own slip
        expect([a.id, c.key, text.includes(`\t${seedHeader}`)]).toEqual([a.id, c.key, true]);
      }
    }
  });
});
