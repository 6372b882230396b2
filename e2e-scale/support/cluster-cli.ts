// The scale-out suite's cluster as a process (started by e2e-scale/global-setup.ts, and by
// bench/scale.ts so the proxy does not share the load generator's event loop): SCALE_INSTANCES
// (default 2) production instances behind the round-robin proxy on a fresh PostgreSQL database
// (tests/support/scale-cluster.ts), plus a small control API the specs use to kill, drain and
// restart instances and read the proxy's counters. SCALE_INSTANCE_ENV (JSON) adds to the
// instances' environment. Prints `scale: ready {json}` once everything answers; SIGTERM stops it all.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startScaleCluster } from "@/tests/support/scale-cluster";
import { scaleSettings } from "./settings";

const settings = scaleSettings(process.env);
const cluster = await startScaleCluster({
  postgresUrl: settings.postgresUrl,
  redisUrl: settings.redisUrl,
  instances: Number(process.env.SCALE_INSTANCES ?? 2),
  basePort: settings.basePort,
  proxyPort: settings.proxyPort,
  realtimePort: settings.realtimePort,
  env: { ...settings.instanceEnv, ...(JSON.parse(process.env.SCALE_INSTANCE_ENV ?? "{}") as Record<string, string>) },
  log: process.env.SCALE_VERBOSE ? (line) => console.log(line) : undefined,
});

const state = () => ({
  url: cluster.url,
  instances: cluster.instances.map((i) => ({
    index: i.index,
    port: i.port,
    url: i.url,
    running: i.running,
    healthy: cluster.proxy.backends[i.index]!.healthy,
    served: cluster.proxy.backends[i.index]!.served,
  })),
  stats: cluster.proxy.stats,
});

const control = http.createServer((request, response) => {
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const url = new URL(request.url ?? "/", "http://localhost");
  const action = /^\/instances\/(\d+)\/(start|kill|terminate)$/.exec(url.pathname);
  void (async () => {
    if (request.method === "GET" && url.pathname === "/state") return reply(200, state());
    if (request.method === "POST" && url.pathname === "/proxy/reset") {
      cluster.proxy.resetStats();
      return reply(200, state());
    }
    if (request.method === "POST" && url.pathname === "/proxy/check") {
      await cluster.proxy.checkHealth();
      return reply(200, state());
    }
    if (request.method === "POST" && action) {
      const instance = cluster.instances[Number(action[1])];
      if (!instance) return reply(404, { error: "no such instance" });
      if (action[2] === "start") await instance.start();
      if (action[2] === "kill") await instance.kill();
      const result = action[2] === "terminate" ? await instance.terminate() : {};
      await cluster.proxy.checkHealth();
      return reply(200, { ...result, output: action[2] === "terminate" ? instance.output().slice(-3_000) : undefined, ...state() });
    }
    reply(404, { error: "unknown control request" });
  })().catch((error: unknown) => reply(500, { error: String(error) }));
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
const ready = { controlUrl, url: cluster.url, secret: cluster.secret, databaseUrl: cluster.databaseUrl, pusher: cluster.pusher };
console.log(`scale: ready ${JSON.stringify(ready)}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    control.close();
    void cluster.stop().then(() => process.exit(0));
  });
}
