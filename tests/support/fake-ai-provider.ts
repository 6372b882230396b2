// A real local HTTP server speaking the OpenAI chat-completions API with streaming (SSE): what
// AI_BASE_URL points at in the assistant's tests (Vitest and the e2e run), so the real AI SDK
// provider is exercised end to end, never a mock of it. Deterministic; the last user message
// steers it:
// - contains "slow": 200 words, 150 ms apart (time to press Stop);
// - contains "fail": HTTP 500;
// - contains "expensive": reports 1,000,000 completion tokens (exhausts a daily budget);
// - contains "markdown": FAKE_MARKDOWN_REPLY (a list, a code block, links safe and hostile, raw
//   HTML), a word every 60 ms (long enough to see it render while it streams);
// - otherwise: "Hello from the fake model. You asked: <the message>", a word every 20 ms.
// A smart-replies request (its system prompt asks for "suggested replies") is answered with the JSON
// array fakeSuggestionsFor(<the last quoted line>) instead; "garbage" in it → prose, not JSON;
// "toolong" → a suggestion over 80 characters; "fail" → HTTP 500 as above.
// A catch-up request (its system prompt asks to "catch a user up") is answered with
// fakeCatchUpFor(<the quoted lines>); "saynothing" in it → an empty answer.
// An `@ai` request in a chat (its system prompt says a member "wrote @ai") is steered by the last
// quoted line (the question) alone, without its "> Name: ": answered fakeReplyTo(<that text>);
// "gradually" in it → the same answer a word every 150 ms (time to watch it stream in).
// Every request is recorded (messages and Authorization header) for the tests to inspect.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  authorization: string | undefined;
  model: string;
  messages: { role: string; content: string }[];
}

export interface FakeAiProvider {
  /** The base URL to use as AI_BASE_URL (…/v1). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? "").join("");
  return "";
}

/** The markdown answer (e2e/ai-chat.spec.ts checks how it renders). */
export const FAKE_MARKDOWN_REPLY = [
  "## Greeting",
  "",
  "Here is **how** to greet:",
  "",
  "1. Define a `greeting`",
  "2. Print it",
  "",
  "```ts",
  'const greeting: string = "Hello, Parley";',
  "console.log(greeting);",
  `const wide = "${"wide ".repeat(60).trim()}";`,
  "```",
  "",
  "See [the docs](https://example.com/docs) but not [this trap](javascript:window.__pwned=1).",
  "",
  '<img src=x onerror="window.__pwned=1">',
].join("\n");

export function fakeReplyTo(question: string): string {
  return `Hello from the fake model. You asked: ${question}`;
}

/** The smart replies the fake suggests when the newest quoted message is `last`. */
export function fakeSuggestionsFor(last: string): string[] {
  return ["Sounds good!", "Tell me more", `Thanks for "${last.slice(0, 40)}"`];
}

/** The summary the fake gives of the quoted unread lines ("> Name: text", oldest first). */
export function fakeCatchUpFor(lines: readonly string[]): string {
  const last = lines.at(-1) ?? "";
  return `Catch-up of ${lines.length} unread: the last from ${last.replace(/^> ([^:]*): .*$/s, "$1")} says "${last.replace(/^> [^:]*: /, "").slice(0, 40)}"`;
}

/** The answer text to a catch-up request whose prompt is `prompt`. */
function catchUpAnswer(prompt: string): string {
  if (prompt.includes("saynothing")) return "";
  return fakeCatchUpFor(prompt.split("\n").filter((line) => /^> \S/.test(line)));
}

/** The answer text to a smart-replies request whose prompt is `prompt`. */
function suggestionAnswer(prompt: string): string {
  const quoted = prompt.split("\n").filter((line) => line.startsWith("> "));
  const last = (quoted.at(-1) ?? "").replace(/^> (Me|Them): /, "");
  if (prompt.includes("garbage")) return "Here are some ideas: sounds good, tell me more.";
  if (prompt.includes("toolong")) return JSON.stringify(["ok", "x".repeat(200)]);
  return JSON.stringify(fakeSuggestionsFor(last));
}

/** The question of an `@ai` prompt: its last quoted line without the speaker. */
function mentionQuestion(prompt: string): string {
  const quoted = prompt.split("\n").filter((line) => /^> \S/.test(line));
  return (quoted.at(-1) ?? "").replace(/^> [^:]*: /, "");
}

export async function startFakeAiProvider(port = 0): Promise<FakeAiProvider> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/health") {
      res.end("ok");
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          model: string;
          messages: { role: string; content: unknown }[];
        };
        const messages = body.messages.map((m) => ({ role: m.role, content: textOf(m.content) }));
        requests.push({ authorization: req.headers.authorization, model: body.model, messages });
        const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
        const mention = messages.some((m) => m.role === "system" && m.content.includes("wrote @ai"));
        const question = mention ? mentionQuestion(lastUser) : lastUser;
        if (question.includes("fail")) {
          res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: "model exploded" } }));
          return;
        }
        const suggesting = messages.some((m) => m.role === "system" && m.content.includes("suggested replies"));
        const catchingUp = messages.some((m) => m.role === "system" && m.content.includes("catch a user up"));
        const oneShot = suggesting || catchingUp;
        const slow = !oneShot && question.includes("slow");
        const answer = suggesting
          ? suggestionAnswer(question)
          : catchingUp
            ? catchUpAnswer(question)
            : question.includes("markdown")
              ? FAKE_MARKDOWN_REPLY
              : fakeReplyTo(question);
        const words = slow ? Array.from({ length: 200 }, (_, i) => `word${i + 1}`) : answer.split(" ");
        res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
        let closed = false;
        res.on("close", () => {
          closed = true;
        });
        const id = `chatcmpl-${Date.now()}`;
        const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
        const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
          id,
          object: "chat.completion.chunk",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, delta, finish_reason: finish }],
        });
        send(chunk({ role: "assistant", content: "" }));
        for (const [i, word] of words.entries()) {
          if (closed) return;
          send(chunk({ content: i === 0 ? word : ` ${word}` }));
          await sleep(slow || (mention && question.includes("gradually")) ? 150 : answer === FAKE_MARKDOWN_REPLY ? 60 : 20);
        }
        send(chunk({}, "stop"));
        const promptChars = messages.reduce((n, m) => n + m.content.length, 0);
        send({
          id,
          object: "chat.completion.chunk",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [],
          usage: {
            prompt_tokens: Math.ceil(promptChars / 4),
            completion_tokens: !oneShot && question.includes("expensive") ? 1_000_000 : words.length,
            total_tokens: Math.ceil(promptChars / 4) + words.length,
          },
        });
        res.end("data: [DONE]\n\n");
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
