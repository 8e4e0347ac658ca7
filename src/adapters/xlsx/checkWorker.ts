/**
 * Worker thread for consolidation: reads and checks the files the main thread sends, so
 * a province's many workbooks are loaded on every core instead of one.
 */
import { parentPort, workerData } from "worker_threads";
import type { Catalogue } from "../../catalogue/types";
import { readAndCheck, type JobOptions } from "./job";

interface Init {
  catalogue: Catalogue;
  options: Omit<JobOptions, "now"> & { now?: string };
}

const init = workerData as Init;
const options: JobOptions = { ...init.options, now: init.options.now ? new Date(init.options.now) : undefined };

parentPort?.on("message", (msg: { id: number; path: string }) => {
  void readAndCheck(msg.path, init.catalogue, options).then((outcome) => parentPort?.postMessage({ id: msg.id, outcome }));
});
