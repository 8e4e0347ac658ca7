/** Runs nq24 in-process with captured streams, a fixed width and an environment of the test's own. */
import { main, type Io } from "../../src/cli/nq24";

export async function runCli(args: string[], options: { env?: Record<string, string>; columns?: number } = {}) {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s), errIsTTY: false, columns: options.columns ?? 120, env: options.env ?? {} };
  const code = await main(args, io);
  return { code, out, err };
}
