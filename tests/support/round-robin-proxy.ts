// The load balancer of the scale-out suite and benchmark: a round-robin HTTP reverse proxy over
// app instances, as a real balancer behaves:
// - every request goes to the next healthy instance in turn, with the client's address appended to
//   X-Forwarded-For (the app runs with TRUST_PROXY=1);
// - it health-checks each instance's /api/health every `healthIntervalMs`: a 503 ("draining") or no
//   answer takes the instance out of rotation, a 200 brings it back;
// - a request whose instance cannot be reached, or drops the connection before answering, is
//   retried once on the next instance (nginx `proxy_next_upstream error non_idempotent`: Parley's
//   message send is idempotent by its client id), and that instance is marked down.
// It proxies plain HTTP requests only (the realtime tier is a separate service).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxyBackend {
  port: number;
  healthy: boolean;
  /** Requests this instance answered. */
  served: number;
}

export interface ProxyStats {
  requests: number;
  /** Requests sent again to another instance after a connection error. */
  retries: number;
  /** Requests the proxy could not get answered (it replied 502 or cut the response). */
  failures: number;
  /** Answers with a 5xx status from an instance. */
  serverErrors: number;
  failureLog: string[];
}

export interface RoundRobinProxy {
  url: string;
  port: number;
  backends: ProxyBackend[];
  stats: ProxyStats;
  resetStats(): void;
  /** Health-checks every instance now (instead of waiting for the next interval). */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

const clientAddress = (request: http.IncomingMessage) => (request.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");

export async function startRoundRobinProxy(options: {
  port: number;
  backendPorts: number[];
  healthIntervalMs?: number;
  host?: string;
}): Promise<RoundRobinProxy> {
  const backends: ProxyBackend[] = options.backendPorts.map((port) => ({ port, healthy: false, served: 0 }));
  const emptyStats = (): ProxyStats => ({ requests: 0, retries: 0, failures: 0, serverErrors: 0, failureLog: [] });
  let stats = emptyStats();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let cursor = 0;

  /** The instances to try, in order: the healthy ones round-robin, then (all down?) the rest. */
  function order(): ProxyBackend[] {
    const start = cursor++;
    const rotated = backends.map((_, i) => backends[(start + i) % backends.length]!);
    return [...rotated.filter((b) => b.healthy), ...rotated.filter((b) => !b.healthy)];
  }

  function forward(
    backend: ProxyBackend,
    request: http.IncomingMessage,
    body: Buffer,
  ): Promise<{ response: http.IncomingMessage } | { error: Error }> {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const forwarded = request.headers["x-forwarded-for"];
    headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${clientAddress(request)}` : clientAddress(request);
    if (body.length > 0 || request.headers["content-length"] !== undefined) headers["content-length"] = String(body.length);
    return new Promise((resolve) => {
      const upstream = http.request(
        { host: "127.0.0.1", port: backend.port, method: request.method, path: request.url, headers, agent },
        (response) => resolve({ response }),
      );
      upstream.on("error", (error) => resolve({ error }));
      upstream.end(body);
    });
  }

  const server = http.createServer(async (request, response) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const candidates = order().slice(0, 2); // the first try and one retry
    for (const [attempt, backend] of candidates.entries()) {
      const result = await forward(backend, request, body);
      if ("error" in result) {
        backend.healthy = false;
        if (attempt + 1 < candidates.length) {
          stats.retries += 1;
          continue;
        }
        stats.failures += 1;
        stats.failureLog.push(`${request.method} ${request.url}: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
        response.writeHead(502, { "content-type": "text/plain" });
        response.end("bad gateway");
        return;
      }
      const upstream = result.response;
      backend.served += 1;
      if ((upstream.statusCode ?? 0) >= 500) stats.serverErrors += 1;
      const headers: http.OutgoingHttpHeaders = { "x-served-by": String(backend.port) };
      for (const [name, value] of Object.entries(upstream.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
      response.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, headers);
      upstream.pipe(response);
      upstream.on("error", () => {
        stats.failures += 1;
        stats.failureLog.push(`${request.method} ${request.url}: response cut`);
        response.destroy();
      });
      return;
    }
  });

  const probe = (backend: ProxyBackend) =>
    new Promise<void>((resolve) => {
      const check = http.get({ host: "127.0.0.1", port: backend.port, path: "/api/health", agent: false, timeout: 2_000 }, (response) => {
        backend.healthy = response.statusCode === 200;
        response.resume();
        response.on("end", resolve);
      });
      check.on("timeout", () => check.destroy(new Error("health check timed out")));
      check.on("error", () => {
        backend.healthy = false;
        resolve();
      });
    });
  const checkHealth = async () => {
    await Promise.all(backends.map(probe));
  };
  await checkHealth();
  const timer = setInterval(() => void checkHealth(), options.healthIntervalMs ?? 250);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Every interface, as the app does: browsers may reach "localhost" over IPv6 or IPv4.
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    backends,
    get stats() {
      return stats;
    },
    resetStats() {
      stats = emptyStats();
      for (const backend of backends) backend.served = 0;
    },
    checkHealth,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
