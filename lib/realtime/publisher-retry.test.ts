// A publish that meets a connection the realtime server has just closed is sent again once on a new
// connection (publisher.ts sendRetryingStale); any other failure is not retried. Against a real
// HTTP server through the official `pusher` library.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Pusher from "pusher";
import { afterEach, describe, expect, it } from "vitest";
import { isStaleConnection, sendRetryingStale } from "./publisher";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A Pusher-protocol HTTP API stand-in: answers each request as `answer(n)` says (n from 1). */
async function apiServer(answer: (n: number, req: http.IncomingMessage, res: http.ServerResponse) => void) {
  let requests = 0;
  server = http.createServer((req, res) => {
    requests += 1;
    const n = requests;
    req.resume();
    req.on("end", () => answer(n, req, res));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const pusher = new Pusher({ appId: "1", key: "key", secret: "secret", host: "127.0.0.1", port: String(port), useTLS: false });
  return { pusher, requests: () => requests };
}

describe("sendRetryingStale", () => {
  it("sends once more when the connection was reset, and succeeds", async () => {
    const { pusher, requests } = await apiServer((n, req, res) => (n === 1 ? req.socket.destroy() : res.end("{}")));
    await expect(sendRetryingStale(() => pusher.trigger("private-user-x", "message:new", { id: "m" }))).resolves.toBeDefined();
    expect(requests()).toBe(2);
  });

  it("does not retry an answer of the server (a 4xx/5xx) nor a second reset", async () => {
    const refused = await apiServer((_n, _req, res) => {
      res.statusCode = 500;
      res.end("no");
    });
    const failure = await sendRetryingStale(() => refused.pusher.trigger("c", "e", {})).catch((error: unknown) => error);
    expect(isStaleConnection(failure)).toBe(false);
    expect(refused.requests()).toBe(1);
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const reset = await apiServer((_n, req) => req.socket.destroy());
    const twice = await sendRetryingStale(() => reset.pusher.trigger("c", "e", {})).catch((error: unknown) => error);
    expect(isStaleConnection(twice)).toBe(true);
    expect(reset.requests()).toBe(2);
  });
});
