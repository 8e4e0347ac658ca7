/** context.sync() with a time limit: Excel on the web can hang on an oversized request. */
import { ErrorContext, timeoutError, toAddinError } from "./errors";

export const DEFAULT_SYNC_TIMEOUT_MS = 30000;

let syncTimeoutMs = DEFAULT_SYNC_TIMEOUT_MS;

/** For tests and for hosts known to be slow. */
export function setSyncTimeout(ms: number): void {
  syncTimeoutMs = ms;
}

export function getSyncTimeout(): number {
  return syncTimeoutMs;
}

/**
 * Usage: `await timed(context.sync(), { action, sheet, cell })`. Rejections become an
 * AddinError naming what and where; a sync that does not settle becomes a Timeout.
 */
export async function timed<T>(sync: Promise<T>, errCtx: ErrorContext): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ms = syncTimeoutMs;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(errCtx, ms)), ms);
  });
  try {
    return await Promise.race([sync, timeout]);
  } catch (e) {
    throw toAddinError(e, errCtx);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
