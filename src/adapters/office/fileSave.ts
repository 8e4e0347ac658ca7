/**
 * Offers bytes as a file download from the task pane: a Blob behind a link with the
 * `download` attribute, or `navigator.msSaveOrOpenBlob` in the IE11 webview, which has no
 * `download` attribute. Excel on the web and current desktop webviews save it where the
 * user's browser saves downloads.
 */

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface SaveHost {
  document: Document;
  navigator: Navigator;
  URL: { createObjectURL(b: Blob): string; revokeObjectURL(u: string): void };
  setTimeout(f: () => void, ms: number): unknown;
}

export function saveFile(bytes: Uint8Array, fileName: string, host: SaveHost = window as unknown as SaveHost): void {
  const blob = new Blob([bytes as unknown as BlobPart], { type: XLSX_TYPE });
  const ms = host.navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, name: string) => boolean };
  if (typeof ms.msSaveOrOpenBlob === "function") {
    ms.msSaveOrOpenBlob(blob, fileName);
    return;
  }
  const url = host.URL.createObjectURL(blob);
  const a = host.document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  host.document.body.appendChild(a);
  a.click();
  host.document.body.removeChild(a);
  // Revoked later: some webviews read the URL after click() returns.
  host.setTimeout(() => host.URL.revokeObjectURL(url), 60000);
}
