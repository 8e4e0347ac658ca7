#!/usr/bin/env node
/**
 * Draws the add-in and ribbon button icons and writes them as RGBA PNGs into assets/.
 *
 * Pure Node (zlib only) so the icons can be regenerated on any machine without a graphics
 * stack: shapes are point-in-shape tests in a 32-unit design space, each pixel is
 * supersampled (SS x SS samples, 4 x 4 past 80 px, composited per sample, then averaged)
 * for anti-aliasing.
 * Main edges sit on even design units, so they land on whole pixels at 16, 32, 48, 64 and
 * 80 px; at the other scales anti-aliasing softens them by under a pixel.
 *
 * Sizes: the ribbon's 16, 32 and 80 px (required) and 20, 24, 40, 48, 64 px (the 125 %, 150 %
 * and 200 % display scales Microsoft asks for on high-DPI screens), for each button and
 * the group; the add-in icon also at 128 px for listings (a task pane add-in's manifest
 * has no 128 px slot: IconUrl is 32 px, HighResolutionIconUrl 64 px). Sizes under 32 px
 * (16 and its 125 %/150 % scales) use each design's simplified small variant.
 *
 *   node scripts/make-icons.js            write assets/*.png
 *   node scripts/make-icons.js --check    exit 1 if assets/ differs from what would be drawn
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { Buffer } = require("buffer");

const SS = 8; // samples per pixel side
/** Samples per pixel side at a size: past 80 px a pixel is small enough for 4. */
const samplesPerSide = (size) => (size > 80 ? 4 : SS);
const OUT_DIR = path.join(__dirname, "..", "assets");

// ---------------------------------------------------------------- colours (Fluent / Excel)
const C = {
  white: [255, 255, 255, 255],
  ink: [80, 80, 80, 255], // outlines: Fluent neutral grey, readable on light and dark ribbons
  inkLight: [160, 160, 160, 255],
  paper: [255, 255, 255, 255],
  green: [16, 124, 65, 255], // Excel green
  greenLight: [198, 233, 213, 255],
  teal: [15, 123, 108, 255],
  tealLight: [204, 236, 230, 255],
  eraser: [214, 69, 92, 255],
  eraserDark: [170, 40, 62, 255],
};

// ---------------------------------------------------------------- shapes (design units)
// A shape is (x, y) => boolean, with x, y in design units (0..32).
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
const rrect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = x < x0 + r ? x0 + r : x > x1 - r ? x1 - r : x;
  const cy = y < y0 + r ? y0 + r : y > y1 - r ? y1 - r : y;
  return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const intersect = (a, b) => (x, y) => a(x, y) && b(x, y);

/** Distance from (x, y) to the segment (ax, ay)-(bx, by). */
function segDist(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((x - ax) * dx + (y - ay) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const px = ax + t * dx - x;
  const py = ay + t * dy - y;
  return Math.sqrt(px * px + py * py);
}

/** A stroked polyline with round caps and joins. */
const stroke = (points, width) => (x, y) => {
  // Indexing, not destructuring: this runs for every sample of every pixel.
  for (let i = 0; i + 1 < points.length; i++) {
    if (segDist(x, y, points[i][0], points[i][1], points[i + 1][0], points[i + 1][1]) <= width / 2) return true;
  }
  return false;
};

/** A stroked polyline with square (butt) caps: for ruled lines that must end crisply. */
const hline = (x0, x1, y, w) => rect(x0, y - w / 2, x1, y + w / 2);
const vline = (x, y0, y1, w) => rect(x - w / 2, y0, x + w / 2, y1);

/** Even-odd polygon fill. */
const polygon = (pts) => (x, y) => {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const xi = pts[i][0];
    const yi = pts[i][1];
    const xj = pts[j][0];
    const yj = pts[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** Rectangle of width w and height h centred on (cx, cy), rotated by deg degrees. */
function rotatedRect(cx, cy, w, h, deg) {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const corners = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  return corners.map(([px, py]) => [cx + px * c - py * s, cy + px * s + py * c]);
}

/** An outlined box: outer shape filled with `line`, inner inset by `w` filled with `fill`. */
function box(x0, y0, x1, y1, r, w, line, fill) {
  return [
    [rrect(x0, y0, x1, y1, r), line],
    [rrect(x0 + w, y0 + w, x1 - w, y1 - w, Math.max(0, r - w)), fill],
  ];
}

// ---------------------------------------------------------------- icon designs
// Each design takes the pixel size (for small-size simplifications) and returns a list of
// [shape, colour] layers, painted in order. Colour may be a function (x, y) => rgba.

/** 16 px and its 125 % and 150 % scales (20, 24 px) draw the simplified variant. */
const isSmall = (px) => px < 32;

/** Add-in icon: teal-to-green rounded square, white leaf, check mark cut into the leaf. */
function appIcon(px) {
  const small = isSmall(px);
  const top = [22, 160, 133];
  const bottom = [11, 106, 79];
  const gradient = (_x, y) => {
    const t = Math.max(0, Math.min(1, y / 32));
    const mix = (i) => Math.round(top[i] + (bottom[i] - top[i]) * t);
    return [mix(0), mix(1), mix(2), 255];
  };
  // Leaf: the lens between two circles, tips at A (lower left) and B (upper right).
  const A = small ? [7, 25] : [7.5, 24.5];
  const B = [25, 7];
  const M = [(A[0] + B[0]) / 2, (A[1] + B[1]) / 2];
  const half = Math.hypot(B[0] - A[0], B[1] - A[1]) / 2;
  const w = small ? 7 : 6.4; // half the leaf's width
  const R = (half * half + w * w) / (2 * w);
  const d = R - w;
  const n = [Math.SQRT1_2, Math.SQRT1_2]; // perpendicular to the A-B axis
  const leaf = intersect(circle(M[0] + n[0] * d, M[1] + n[1] * d, R), circle(M[0] - n[0] * d, M[1] - n[1] * d, R));
  const stem = stroke([[A[0] + 1.5, A[1] - 1.5], [4.5, 27.5]], small ? 2.4 : 2);
  const layers = [
    [rrect(0, 0, 32, 32, 6), gradient],
    [union(leaf, stem), C.white],
  ];
  if (small) {
    // At 16 px a check would be mush: a single vein keeps the leaf readable.
    layers.push([stroke([[10, 22], [20, 12]], 2), gradient]);
  } else {
    layers.push([stroke([[10.5, 16.5], [14.5, 20.5], [21.5, 12.5]], 3), gradient]);
  }
  return layers;
}

/** Open the pane: an Excel-like window whose right third is the (teal) task pane. */
function paneIcon(px) {
  const w = 2;
  const layers = [
    ...box(2, 4, 30, 28, isSmall(px) ? 0 : 2, w, C.ink, C.paper),
    [rect(2, 4, 30, 10), C.ink], // title bar
    [rect(19, 10, 28, 26), C.teal], // the pane
    [vline(19, 10, 26, w), C.ink],
  ];
  // Sheet grid on the left
  if (!isSmall(px)) {
    layers.push([hline(4, 18, 15.5, 1), C.inkLight], [hline(4, 18, 20.5, 1), C.inkLight], [vline(10.5, 10, 26, 1), C.inkLight]);
    layers.push([hline(22, 26, 14, 2), C.white], [hline(22, 26, 18, 2), C.white], [hline(22, 24, 22, 2), C.white]);
  } else {
    layers.push([hline(4, 18, 19, 2), C.inkLight]);
  }
  return layers;
}

/** Insert sheets: a ruled sheet with a green header row and a green "+" badge. */
function insertIcon(px) {
  const small = isSmall(px);
  const layers = [
    ...box(2, 2, 22, 28, 0, 2, C.ink, C.paper),
    [rect(4, 4, 20, 10), C.greenLight],
    [hline(4, 20, 11, 2), C.ink],
  ];
  if (small) {
    layers.push([hline(4, 14, 19, 2), C.inkLight]);
  } else {
    layers.push([hline(4, 20, 16.5, 1), C.inkLight], [hline(4, 20, 21.5, 1), C.inkLight], [vline(10.5, 12, 26, 1), C.inkLight]);
  }
  // Badge: white halo so it reads on top of the sheet outline.
  const cx = 23;
  const cy = 23;
  const r = small ? 8 : 7.5;
  const halo = small ? 1 : 1.5;
  const arm = small ? 5 : 4.5;
  const bar = small ? 2 : 2.5;
  layers.push(
    [circle(cx, cy, r + halo), C.white],
    [circle(cx, cy, r), C.green],
    [union(rect(cx - arm, cy - bar / 2, cx + arm, cy + bar / 2), rect(cx - bar / 2, cy - arm, cx + bar / 2, cy + arm)), C.white],
  );
  return layers;
}

/** Check the report: a document with text lines and a bold green check mark over it. */
function checkIcon(px) {
  const small = isSmall(px);
  const fold = 6;
  const outline = polygon([[4, 2], [22 - fold, 2], [22, 2 + fold], [22, 30], [4, 30]]);
  const inner = polygon([[6, 4], [22 - fold - 0.8, 4], [20, 2 + fold + 0.8], [20, 28], [6, 28]]);
  const layers = [
    [outline, C.ink],
    [inner, C.paper],
    [polygon([[22 - fold, 2], [22 - fold, 2 + fold], [22, 2 + fold]]), C.ink],
  ];
  if (small) {
    layers.push([hline(8, 16, 11, 2), C.inkLight]);
  } else {
    layers.push([hline(8, 16, 9, 2), C.inkLight], [hline(8, 18, 13, 2), C.inkLight], [hline(8, 14, 17, 2), C.inkLight]);
  }
  const check = small ? [[12, 21], [17, 26], [27, 14]] : [[12.5, 20.5], [17.5, 25.5], [27, 14]];
  const width = small ? 4 : 3.6;
  layers.push([stroke(check, width + 3), C.white], [stroke(check, width), C.green]);
  return layers;
}

/** Clear marks: a tilted eraser (red tip) wiping a line. */
function clearIcon(px) {
  const small = isSmall(px);
  const angle = -45;
  const cx = 17;
  const cy = 14;
  const len = 22;
  const thick = small ? 11 : 10.5;
  const body = rotatedRect(cx, cy, len, thick, angle);
  // Split along the long axis: the lower-left 40 % is the red tip.
  const t = 0.4;
  const lerp = (p, q, k) => [p[0] + (q[0] - p[0]) * k, p[1] + (q[1] - p[1]) * k];
  const [p0, p1, p2, p3] = body; // p0 left-top, p1 right-top, p2 right-bottom, p3 left-bottom (before rotation)
  const tip = [p0, lerp(p0, p1, t), lerp(p3, p2, t), p3];
  const w = small ? 2.6 : 2;
  const insetBody = rotatedRect(cx, cy, len - 2 * w, thick - 2 * w, angle);
  const layers = [
    [polygon(body), C.ink],
    [polygon(insetBody), C.paper],
    [intersect(polygon(tip), polygon(insetBody)), C.eraser],
    [intersect(stroke([lerp(p0, p1, t), lerp(p3, p2, t)], w), polygon(body)), C.ink],
    [hline(small ? 14 : 15, 30, 29, 2), C.ink],
  ];
  if (!small) {
    // Wiped trail: short dashes left of the eraser.
    layers.push([hline(2, 6, 29, 2), C.inkLight], [hline(8, 12, 29, 2), C.inkLight]);
  }
  return layers;
}

// ---------------------------------------------------------------- raster + PNG
function render(layers, size) {
  const k = 32 / size; // design units per pixel
  const data = Buffer.alloc(size * size * 4);
  const shapes = layers.map((l) => l[0]);
  const colours = layers.map((l) => l[1]);
  const ss = samplesPerSide(size);
  const n = ss * ss;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average premultiplied colour over the samples. `over` is inlined with plain numbers
      // (the same arithmetic, in the same order): allocation-free, several times faster.
      let acc0 = 0;
      let acc1 = 0;
      let acc2 = 0;
      let acc3 = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) * k;
          const y = (py + (sy + 0.5) / ss) * k;
          let c0 = 0;
          let c1 = 0;
          let c2 = 0;
          let c3 = 0;
          for (let i = 0; i < shapes.length; i++) {
            if (!shapes[i](x, y)) continue;
            const colour = colours[i];
            const src = typeof colour === "function" ? colour(x, y) : colour;
            const a = src[3] / 255;
            const b = c3 / 255;
            const out = a + b * (1 - a);
            if (out === 0) {
              c0 = c1 = c2 = c3 = 0;
              continue;
            }
            c0 = (src[0] * a + c0 * b * (1 - a)) / out;
            c1 = (src[1] * a + c1 * b * (1 - a)) / out;
            c2 = (src[2] * a + c2 * b * (1 - a)) / out;
            c3 = out * 255;
          }
          const a = c3 / 255;
          acc0 += c0 * a;
          acc1 += c1 * a;
          acc2 += c2 * a;
          acc3 += a;
        }
      }
      const alpha = acc3 / n;
      const o = (py * size + px) * 4;
      data[o] = alpha ? Math.round(acc0 / n / alpha) : 0;
      data[o + 1] = alpha ? Math.round(acc1 / n / alpha) : 0;
      data[o + 2] = alpha ? Math.round(acc2 / n / alpha) : 0;
      data[o + 3] = Math.round(alpha * 255);
    }
  }
  return data;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

function encodePng(rgba, size) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  // Filter type 0 (None) on every row: icons are tiny, simplicity beats a few bytes.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- what to write
/** Every size a ribbon Icon may list (bt:Image size), smallest first. */
const RIBBON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];
const ICONS = [
  { name: "icon", draw: appIcon, sizes: RIBBON_SIZES.concat([128]) },
  { name: "pane", draw: paneIcon, sizes: RIBBON_SIZES },
  { name: "insert", draw: insertIcon, sizes: RIBBON_SIZES },
  { name: "check", draw: checkIcon, sizes: RIBBON_SIZES },
  { name: "clear", draw: clearIcon, sizes: RIBBON_SIZES },
];

function main() {
  const checkOnly = process.argv.includes("--check");
  fs.mkdirSync(OUT_DIR, { recursive: true });
  let stale = 0;
  for (const icon of ICONS) {
    for (const size of icon.sizes) {
      const file = path.join(OUT_DIR, `${icon.name}-${size}.png`);
      const png = encodePng(render(icon.draw(size), size), size);
      if (checkOnly) {
        if (!fs.existsSync(file) || !fs.readFileSync(file).equals(png)) {
          console.error(`stale: ${path.relative(process.cwd(), file)}`);
          stale++;
        }
      } else {
        fs.writeFileSync(file, png);
        console.log(`wrote ${path.relative(process.cwd(), file)} (${png.length} bytes)`);
      }
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) main();

module.exports = { encodePng, render, crc32, ICONS, RIBBON_SIZES };
