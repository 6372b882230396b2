// The optional Anthropic and Google providers (issue 19): the real `@ai-sdk/anthropic` and
// `@ai-sdk/google` packages, picked by AI_PROVIDER through lib/chat/assistant/provider.ts, stream
// a reply from a real local HTTP server that speaks each vendor's streaming wire format minimally
// (Anthropic Messages SSE; Google generateContent with alt=sse) — no mocked fetch. The server also
// checks what the package sends: the path, the key header, the model and the user's message.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assistantModel } from "@/lib/chat/assistant/provider";
import type { AssistantConfig } from "@/lib/chat/assistant/config";

const WORDS = ["Hello", " from", " the", " vendor", " stream."];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

let server: http.Server;
let origin = "";
const seen: Seen[] = [];

/** One SSE event: `event:` line when named (Anthropic), then its JSON data. */
const sse = (res: http.ServerResponse, data: unknown, event?: string) =>
  res.write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);

async function anthropicMessages(res: http.ServerResponse, model: string) {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  sse(
    res,
    {
      type: "message_start",
      message: {
        id: "msg_test",
        type: "message",
        role: "assistant",
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 21, output_tokens: 1 },
      },
    },
    "message_start",
  );
  sse(res, { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }, "content_block_start");
  for (const text of WORDS) {
    sse(res, { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }, "content_block_delta");
    await sleep(10);
  }
  sse(res, { type: "content_block_stop", index: 0 }, "content_block_stop");
  sse(
    res,
    { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: WORDS.length } },
    "message_delta",
  );
  sse(res, { type: "message_stop" }, "message_stop");
  res.end();
}

async function googleStream(res: http.ServerResponse) {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  for (const [i, text] of WORDS.entries()) {
    const last = i === WORDS.length - 1;
    sse(res, {
      candidates: [{ content: { role: "model", parts: [{ text }] }, index: 0, ...(last ? { finishReason: "STOP" } : {}) }],
      ...(last ? { usageMetadata: { promptTokenCount: 17, candidatesTokenCount: WORDS.length, totalTokenCount: 17 + WORDS.length } } : {}),
      modelVersion: "gemini-test",
    });
    await sleep(10);
  }
  res.end();
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      if (req.method === "POST" && req.url === "/anthropic/v1/messages") void anthropicMessages(res, String(body.model));
      else if (req.method === "POST" && req.url === "/google/v1beta/models/gemini-test:streamGenerateContent?alt=sse")
        void googleStream(res);
      else res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const limits = {
  ratePerMinute: 10,
  chatRatePerMinute: 30,
  dailyTokenBudget: 100_000,
  maxContextMessages: 30,
  maxContextChars: 12_000,
  timeoutMs: 10_000,
};

/** Streams a reply the way reply.ts does (fullStream: text deltas, then the finish part's usage). */
async function ask(config: AssistantConfig) {
  const result = streamText({
    model: assistantModel(config),
    system: "You are Parley AI.",
    messages: [{ role: "user", content: "Say hello" }],
    maxOutputTokens: 100,
    // The error part below carries it; the SDK's default logging would only add noise.
    onError: () => {},
  });
  const deltas: string[] = [];
  let usage: { inputTokens?: number; outputTokens?: number } = {};
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") deltas.push(part.text);
    else if (part.type === "finish") usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
    else if (part.type === "error") throw part.error instanceof Error ? part.error : new Error(JSON.stringify(part.error));
  }
  return { deltas, usage };
}

describe("assistant providers over their real wire formats", () => {
  it("anthropic: Messages API SSE streams the reply through @ai-sdk/anthropic", async () => {
    const before = seen.length;
    const { deltas, usage } = await ask({
      provider: "anthropic",
      baseURL: `${origin}/anthropic/v1`,
      model: "claude-test",
      apiKey: "anthropic-test-key",
      ...limits,
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(WORDS.join(""));
    expect(usage).toEqual({ inputTokens: 21, outputTokens: WORDS.length });
    const request = seen[before]!;
    expect(request.headers["x-api-key"]).toBe("anthropic-test-key");
    expect(request.body).toMatchObject({ model: "claude-test", stream: true, max_tokens: 100 });
    expect(JSON.stringify(request.body.system)).toContain("You are Parley AI.");
    expect(JSON.stringify(request.body.messages)).toContain("Say hello");
  });

  it("google: generateContent streaming (alt=sse) streams the reply through @ai-sdk/google", async () => {
    const before = seen.length;
    const { deltas, usage } = await ask({
      provider: "google",
      baseURL: `${origin}/google/v1beta`,
      model: "gemini-test",
      apiKey: "google-test-key",
      ...limits,
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(WORDS.join(""));
    expect(usage).toEqual({ inputTokens: 17, outputTokens: WORDS.length });
    const request = seen[before]!;
    expect(request.headers["x-goog-api-key"]).toBe("google-test-key");
    expect(JSON.stringify(request.body.systemInstruction)).toContain("You are Parley AI.");
    expect(JSON.stringify(request.body.contents)).toContain("Say hello");
  });

  it("a vendor error (HTTP 404 here) surfaces as a stream error, not a silent empty reply", async () => {
    await expect(
      ask({ provider: "anthropic", baseURL: `${origin}/nowhere/v1`, model: "claude-test", apiKey: "k", ...limits }),
    ).rejects.toThrow();
  });
});
