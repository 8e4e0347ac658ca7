/**
 * The abbreviations staff write in indicator labels, kept as data beside the catalogue
 * (abbreviations.json). A province's catalogue adds its own in its `abbreviations` field.
 */
import type { Abbreviation } from "./types";
import abbreviationsJson from "./abbreviations.json";

export const NATIONAL_ABBREVIATIONS: Abbreviation[] = (abbreviationsJson as { abbreviations: Abbreviation[] }).abbreviations;

/** The national list with a catalogue's own over it: the same short form (any case) is replaced. */
export function abbreviationsOf(catalogue: { abbreviations?: Abbreviation[] }): Abbreviation[] {
  const own = catalogue.abbreviations ?? [];
  if (own.length === 0) return NATIONAL_ABBREVIATIONS;
  const replaced = new Set(own.map((a) => a.short.trim().toLowerCase()));
  return NATIONAL_ABBREVIATIONS.filter((a) => !replaced.has(a.short.toLowerCase())).concat(own);
}
