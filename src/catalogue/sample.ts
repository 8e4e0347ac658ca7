/**
 * The Lai Châu sample: every value and note of the seed's two appendix tables (Lai Châu
 * city, May 2023), exactly as the report writes them, keyed by catalogue indicator id.
 * Used for training workbooks, demonstrations and as real-world test data.
 */
import type { FillValues } from "../engine/layout";
import { sampleFillValues as fillValuesOf, type CatalogueSample } from "./sampleValues";
import sampleJson from "./sample-laichau.json";

export type { CatalogueSample, SampleValues } from "./sampleValues";

export const laiChauSample: CatalogueSample = sampleJson as CatalogueSample;

/** The sample's input-cell values (the Lai Châu one unless another is given). */
export function sampleFillValues(sample: CatalogueSample = laiChauSample): FillValues {
  return fillValuesOf(sample);
}
