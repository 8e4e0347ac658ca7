/**
 * What this Excel can do, for the pane's first paint: kept apart from the office use cases so
 * the pane can say what is missing before the (larger) Excel code is loaded.
 */
export { hostCapabilities, unavailableFeatures } from "../adapters/office/capabilities";
export type { Capabilities, UnavailableFeature } from "../adapters/office/capabilities";
