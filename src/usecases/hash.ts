/**
 * SHA-256 as lowercase hex, one home for the command line (`nq24 export`) and the pane
 * ("Gửi tỉnh"): Web Crypto where there is one, otherwise (the IE11 webview of older Office,
 * or a page outside a secure context) this small implementation of FIPS 180-4, so a hash is
 * always given for the province to match.
 */

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** SHA-256 without Web Crypto (plain 32-bit arithmetic: no BigInt, runs in ES5). */
export function sha256HexPure(bytes: Uint8Array): string {
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const data = new Uint8Array(blocks * 64);
  data.set(bytes);
  data[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  const end = data.length;
  data[end - 4] = (bits >>> 24) & 0xff;
  data[end - 3] = (bits >>> 16) & 0xff;
  data[end - 2] = (bits >>> 8) & 0xff;
  data[end - 1] = bits & 0xff;
  const high = Math.floor(bytes.length / 0x20000000);
  data[end - 8] = (high >>> 24) & 0xff;
  data[end - 7] = (high >>> 16) & 0xff;
  data[end - 6] = (high >>> 8) & 0xff;
  data[end - 5] = high & 0xff;
  const w = new Array<number>(64);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) {
      const o = b * 64 + i * 4;
      w[i] = (data[o] << 24) | (data[o + 1] << 16) | (data[o + 2] << 8) | data[o + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, bb, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + bb) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + hh) | 0;
  }
  let out = "";
  for (const v of h) out += ("00000000" + (v >>> 0).toString(16)).slice(-8);
  return out;
}

interface SubtleLike {
  digest(algorithm: string, data: ArrayBuffer | Uint8Array): Promise<ArrayBuffer>;
}

/** Web Crypto's digest when there is one (faster on big files), this file's otherwise. */
export async function sha256Hex(bytes: Uint8Array, subtle: SubtleLike | undefined = webCrypto()): Promise<string> {
  if (subtle) {
    try {
      const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
      let out = "";
      for (let i = 0; i < digest.length; i++) out += (digest[i] < 16 ? "0" : "") + digest[i].toString(16);
      return out;
    } catch {
      // Web Crypto refuses outside a secure context: fall through to the pure one.
    }
  }
  return sha256HexPure(bytes);
}

function webCrypto(): SubtleLike | undefined {
  const c = typeof crypto !== "undefined" ? (crypto as unknown as { subtle?: SubtleLike }) : undefined;
  return c && c.subtle ? c.subtle : undefined;
}
