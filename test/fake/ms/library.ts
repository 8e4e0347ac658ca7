/**
 * Microsoft's Excel client library evaluated in a jsdom window (Node), then attached to our
 * host (attach.ts). One window per fake workbook.
 */
import { readFileSync } from "fs";
import { dirname, join } from "path";
import { JSDOM } from "jsdom";
import { attachLibrary, AttachOptions, LIBRARY_VERSION, MsLibrary } from "./attach";

export * from "./attach";

const PACKAGE_DIR = dirname(require.resolve("@microsoft/office-js/package.json"));
const LIBRARY_FILE = join(PACKAGE_DIR, "dist", "excel-web-16.00.js");

let source: string | null = null;

/** The library's source, after checking the installed version is the one the host was written against. */
export function librarySource(): string {
  if (source === null) {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
    if (pkg.version !== LIBRARY_VERSION) {
      throw new Error(`@microsoft/office-js ${pkg.version} installed; the test host is written against ${LIBRARY_VERSION} (its request executor is internal).`);
    }
    source = readFileSync(LIBRARY_FILE, "utf8");
  }
  return source;
}

export function loadLibrary(opts: AttachOptions): MsLibrary {
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { url: "https://localhost/taskpane.html", runScripts: "outside-only" });
  const w = dom.window as unknown as { eval: (code: string) => unknown };
  w.eval(librarySource());
  return attachLibrary(w, opts, () => dom.window.close());
}
