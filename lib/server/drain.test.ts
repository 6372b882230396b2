// The drain state machine on a real http.Server with real keep-alive clients (lib/server/drain.ts).
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { makeDrainable, drainOptionsFromEnv, type DrainOptions } from "./drain";
import { isDraining, pendingBackgroundWork, resetLifecycleForTests, trackBackgroundWork } from "./lifecycle";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reply {
  status: number;
  body: string;
  connection: string | undefined;
}

/** A server whose /slow answers after `?ms=`, /health like the real route, anything else at once. */
async function startServer(options: Omit<DrainOptions, "log">) {
  const arrived: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    arrived.push(url.pathname);
    if (url.pathname === "/health") {
      response.statusCode = isDraining() ? 503 : 200;
      response.end(isDraining() ? "draining" : "ok");
      return;
    }
    const ms = Number(url.searchParams.get("ms") ?? 0);
    setTimeout(() => response.end(`done ${url.pathname}`), ms);
  });
  const drainable = makeDrainable(server, options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const get = (path: string, via: http.Agent = agent) =>
    new Promise<Reply>((resolve, reject) => {
      const request = http.get({ host: "127.0.0.1", port, path, agent: via }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }));
      });
      request.on("error", reject);
    });
  return { server, drainable, port, agent, get, arrived };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
  resetLifecycleForTests();
});

describe("keep-alive", () => {
  it("keeps an idle keep-alive connection open past Node's 5 s default (a reused socket never races its close)", async () => {
    const { server, get } = await startServer({ graceMs: 0, timeoutMs: 1_000 });
    servers.push(server);
    let connections = 0;
    server.on("connection", () => connections++);
    expect((await get("/first")).status).toBe(200);
    await sleep(7_000); // Node closes an idle socket ~6 s after its answer by default
    expect((await get("/second")).status).toBe(200);
    expect(connections).toBe(1); // the same socket carried both
  }, 15_000);
});

describe("drain on SIGTERM", () => {
  it("flips health to 503 at once while still serving, then refuses new connections after the grace period", async () => {
    const s = await startServer({ graceMs: 400, timeoutMs: 2_000 });
    servers.push(s.server);
    expect((await s.get("/health")).status).toBe(200);

    const drained = s.drainable.drain();
    expect(s.drainable.phase).toBe("draining");
    const during = await s.get("/health");
    expect(during).toMatchObject({ status: 503, body: "draining", connection: "close" });
    // A new connection during the grace period is still served (the balancer has not noticed yet).
    const fresh = new http.Agent({ keepAlive: false });
    expect((await s.get("/page", fresh)).status).toBe(200);

    await drained;
    expect(s.drainable.phase).toBe("done");
    await expect(s.get("/page", fresh)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("lets a request in flight when SIGTERM arrives finish, over a keep-alive connection, with Connection: close", async () => {
    const s = await startServer({ graceMs: 100, timeoutMs: 5_000 });
    servers.push(s.server);
    await s.get("/warm"); // the agent now holds an idle keep-alive socket, reused below
    const inFlight = s.get("/slow?ms=600");
    while (s.drainable.inFlight === 0) await sleep(5);

    const started = Date.now();
    const report = await s.drainable.drain();
    const reply = await inFlight;
    expect(reply).toEqual({ status: 200, body: "done /slow", connection: "close" });
    expect(report).toEqual({ cutRequests: 0, unsettledWork: 0 });
    // The drain waited for the request, past the grace period.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it("answers keep-alive requests during the grace period cleanly (no EPIPE, no reset) and closes idle sockets after it", async () => {
    const s = await startServer({ graceMs: 500, timeoutMs: 2_000 });
    servers.push(s.server);
    await Promise.all([s.get("/a"), s.get("/b")]); // two pooled keep-alive sockets
    const idle = net.connect(s.port, "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    const idleClosed = new Promise<number>((resolve) => idle.once("close", () => resolve(Date.now())));

    const started = Date.now();
    const drained = s.drainable.drain();
    const replies = await Promise.all([s.get("/c"), s.get("/d"), s.get("/e")]);
    for (const reply of replies) expect(reply).toMatchObject({ status: 200, connection: "close" });
    await drained;
    // The idle socket that never sent a request is closed at the end of the grace period, not before.
    expect((await idleClosed) - started).toBeGreaterThanOrEqual(450);
  });

  it("flushes background work (after-commit publications) before it is done", async () => {
    const s = await startServer({ graceMs: 0, timeoutMs: 5_000 });
    servers.push(s.server);
    let published = false;
    void trackBackgroundWork(sleep(300).then(() => (published = true)));
    expect(pendingBackgroundWork()).toBe(1);
    const report = await s.drainable.drain();
    expect(published).toBe(true);
    expect(report.unsettledWork).toBe(0);
  });

  it("bounds in-flight requests and background work by the timeout and says what it cut", async () => {
    const s = await startServer({ graceMs: 0, timeoutMs: 300 });
    servers.push(s.server);
    const stuck = s.get("/slow?ms=10000").catch((error: NodeJS.ErrnoException) => error.code);
    void trackBackgroundWork(sleep(10_000));
    while (s.drainable.inFlight === 0) await sleep(5);
    const started = Date.now();
    const report = await s.drainable.drain();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report).toEqual({ cutRequests: 1, unsettledWork: 1 });
    expect(await stuck).toBe("ECONNRESET");
  });

  it("the real health route answers 503 draining once the process drains", async () => {
    const { startDraining } = await import("./lifecycle");
    startDraining();
    const response = await health(new Request("http://localhost/api/health"), { params: Promise.resolve({}) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "draining" });
  });

  it("reads its durations from the environment, with production defaults", () => {
    expect(drainOptionsFromEnv({})).toEqual({ graceMs: 5_000, timeoutMs: 20_000 });
    expect(drainOptionsFromEnv({ PARLEY_DRAIN_GRACE_MS: "0", PARLEY_DRAIN_TIMEOUT_MS: "1500" })).toEqual({ graceMs: 0, timeoutMs: 1_500 });
    expect(() => drainOptionsFromEnv({ PARLEY_DRAIN_GRACE_MS: "soon" })).toThrow(/PARLEY_DRAIN_GRACE_MS must be/);
  });
});
