/** SHA-256 of bytes as hex, with Web Crypto (Node ≥ 19 and every modern webview have it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = typeof crypto !== "undefined" ? crypto.subtle : undefined;
  // Without Web Crypto (the IE11 webview) there is no hash to give: "" says so.
  if (!subtle) return "";
  const digest = await subtle.digest("SHA-256", bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
