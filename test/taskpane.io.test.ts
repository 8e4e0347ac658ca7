/** @jest-environment jsdom */
import { MAX_CATALOGUE_BYTES } from "../src/catalogue/loader";
import { fetchText, readFile } from "../src/taskpane/io";

type Fetch = typeof fetch;
const g = globalThis as unknown as { fetch?: Fetch };

afterEach(() => {
  delete g.fetch;
  jest.useRealTimers();
});

function response(status: number, body: string): Response {
  return { ok: status >= 200 && status < 300, status, text: async () => body } as unknown as Response;
}

test("returns the body of a successful answer", async () => {
  g.fetch = jest.fn(async () => response(200, '{"id":"x"}')) as unknown as Fetch;
  await expect(fetchText("https://tinh.example.vn/c.json", 1000)).resolves.toBe('{"id":"x"}');
  expect((g.fetch as jest.Mock).mock.calls[0][1]).toMatchObject({ credentials: "omit" });
});

test("an HTTP error says the status in both languages", async () => {
  g.fetch = jest.fn(async () => response(404, "not found")) as unknown as Fetch;
  await expect(fetchText("https://tinh.example.vn/c.json", 1000)).rejects.toMatchObject({
    text: { vi: "máy chủ trả lời 404", en: "the server answered 404" },
  });
});

test("a server that never answers times out and the request is aborted", async () => {
  jest.useFakeTimers();
  let signal: AbortSignal | undefined;
  g.fetch = jest.fn((_url: string, init?: RequestInit) => {
    signal = init && init.signal ? init.signal : undefined;
    return new Promise<Response>(() => undefined);
  }) as unknown as Fetch;
  const pending = fetchText("https://tinh.example.vn/c.json", 15000);
  jest.advanceTimersByTime(15000);
  await expect(pending).rejects.toMatchObject({ text: { vi: "hết thời gian chờ (15 giây)", en: "timed out (15 s)" } });
  expect(signal && signal.aborted).toBe(true);
});

test("reads a picked file as UTF-8 text, and refuses one too large to be a catalogue", async () => {
  await expect(readFile(new File(["Phụ lục"], "a.json"))).resolves.toBe("Phụ lục");
  const big = new File(["x"], "big.json");
  Object.defineProperty(big, "size", { value: MAX_CATALOGUE_BYTES + 1 });
  await expect(readFile(big)).rejects.toMatchObject({ text: { en: expect.stringContaining("big.json") } });
});
