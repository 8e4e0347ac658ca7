/**
 * Getting a province catalogue's text: from a picked file or an https address, with a
 * time limit, and errors that carry their own words for the pane.
 */
import { MAX_CATALOGUE_BYTES } from "../catalogue/limits";
import type { Text2 } from "../catalogue/types";
import { text2 } from "./i18n";

/** An error that carries its own words, shown as is by the pane. */
export function textError(text: Text2): Error & { text: Text2 } {
  return Object.assign(new Error(text.en), { text });
}

export function fetchText(url: string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const controller = typeof AbortController !== "undefined" ? new AbortController() : null;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      if (controller) controller.abort();
      reject(textError(text2("catalogue.timeout", { s: Math.round(timeoutMs / 1000) })));
    }, timeoutMs);
    fetch(url, { credentials: "omit", cache: "no-store", signal: controller ? controller.signal : undefined })
      .then((response) => {
        if (!response.ok) throw textError(text2("catalogue.httpStatus", { status: response.status }));
        return response.text();
      })
      .then(
        (body) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(body);
        },
        (e) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(e);
        },
      );
  });
}

export function readFile(file: File): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (file.size > MAX_CATALOGUE_BYTES) {
      // Refused before reading: a wrong file picked by mistake can be very large.
      reject(textError(text2("catalogue.tooLarge", { name: file.name, mb: Math.round(MAX_CATALOGUE_BYTES / 1048576) })));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result || ""));
    reader.onerror = () => reject(textError(text2("catalogue.readFailed", { name: file.name })));
    reader.readAsText(file, "utf-8");
  });
}


/** A report file larger than this is not read (the reader itself checks again, with reasons). */
const MAX_REPORT_BYTES = 40 * 1024 * 1024;

function reportTooLarge(file: File): Error & { text: Text2 } {
  const mb = (file.size / 1048576).toFixed(1);
  return textError({ vi: `${file.name}: tệp quá lớn (${mb} MB)`, en: `${file.name}: file too large (${mb} MB)` });
}

/** A picked file's bytes (FileReader: File.arrayBuffer is missing in IE11). */
export function readBytes(file: File): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    if (file.size > MAX_REPORT_BYTES) return reject(reportTooLarge(file));
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(textError(text2("catalogue.readFailed", { name: file.name })));
    reader.readAsArrayBuffer(file);
  });
}

/** A picked text file: UTF-8, or UTF-16 when it starts with its byte-order mark (the browser sniffs it). */
export function readText(file: File): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (file.size > MAX_REPORT_BYTES) return reject(reportTooLarge(file));
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result || ""));
    reader.onerror = () => reject(textError(text2("catalogue.readFailed", { name: file.name })));
    reader.readAsText(file, "utf-8");
  });
}
