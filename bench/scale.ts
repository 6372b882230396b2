// `npm run bench:scale [-- --quick]`: send → deliver latency and send throughput through the
// round-robin proxy with one, then two production instances (tests/support/scale-cluster.ts: the
// one `.next` build, a fresh database on the PostgreSQL server at SCALE_POSTGRES_URL, the standalone
// realtime server, Redis, the test S3 server). Same scenarios as `npm run bench` (bench/scenarios.ts).
// Writes bench/results/<date>-scale.json and, unless --quick, the results:scale block of docs/BENCHMARKS.md.
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import type { BenchServer } from "./lib/server";
import { round } from "./lib/stats";
import { delivery, throughput } from "./scenarios";

const quick = process.argv.includes("--quick");
const sizes = quick
  ? { groups: 3, perGroup: 4, messages: 3, intervalMs: 100, senders: 4, seconds: 2 }
  : { groups: 50, perGroup: 5, messages: 20, intervalMs: 1000, senders: 32, seconds: 15 };

interface Figures {
  instances: number;
  p50: number;
  p99: number;
  saturatedPerSecond: number;
  saturatedP50: number;
  saturatedP99: number;
  throughput: number;
  missing: number;
  duplicates: number;
  lost: number;
  duplicated: number;
  errors: number;
  loadAverage: number;
}

/** The cluster in a process of its own (e2e-scale/support/cluster-cli.ts), as a real balancer runs apart from its clients. */
async function startCluster(instances: number): Promise<BenchServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "e2e-scale/support/cluster-cli.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
    env: {
      ...process.env,
      SCALE_INSTANCES: String(instances),
      // The benchmark sends far faster than a person, and signs in no one.
      SCALE_INSTANCE_ENV: JSON.stringify({ CHAT_SEND_RATE_LIMIT: "1000000", PARLEY_DRAIN_GRACE_MS: "0" }),
    },
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const ready = await new Promise<Omit<BenchServer, "stop" | "baseUrl"> & { url: string }>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /scale: ready (\{.*\})/.exec(output);
      if (match) resolve(JSON.parse(match[1]!) as Omit<BenchServer, "stop" | "baseUrl"> & { url: string });
    });
    void exited.then(() => reject(new Error(`the cluster exited during start-up:\n${output}`)));
  });
  return {
    baseUrl: ready.url,
    databaseUrl: ready.databaseUrl,
    secret: ready.secret,
    pusher: ready.pusher,
    async stop() {
      process.kill(child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    },
  };
}

async function measure(instances: number): Promise<Figures> {
  const server = await startCluster(instances);
  try {
    const seed = `scale${instances}-${Date.now().toString(36)}`;
    const deliveryOpts = { groups: sizes.groups, perGroup: sizes.perGroup, messages: sizes.messages, connectConcurrency: 20 };
    console.log(`bench:scale: ${instances} instance(s): delivery`);
    const open = await delivery(server, { ...deliveryOpts, intervalMs: sizes.intervalMs, seed: `${seed}-d` });
    const saturated = await delivery(server, { ...deliveryOpts, intervalMs: 0, seed: `${seed}-ds` });
    console.log(`bench:scale: ${instances} instance(s): throughput`);
    const t = await throughput(server, { senders: sizes.senders, seconds: sizes.seconds, seed: `${seed}-t` });
    return {
      instances,
      p50: round(open.latency.p50, 1),
      p99: round(open.latency.p99, 1),
      saturatedPerSecond: round(saturated.perSecond, 0),
      saturatedP50: round(saturated.latency.p50, 1),
      saturatedP99: round(saturated.latency.p99, 1),
      throughput: round(t.perSecond, 0),
      missing: open.expected - open.delivered + (saturated.expected - saturated.delivered),
      duplicates: open.duplicates + saturated.duplicates,
      lost: t.lost,
      duplicated: t.duplicated,
      errors: t.errors,
      loadAverage: round(os.loadavg()[0]!, 1),
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  const results = [await measure(1), await measure(2)];
  const date = new Date().toISOString();
  const table = [
    `| instances behind the proxy | send → delivered p50 / p99 (${sizes.groups} senders, one message every ${sizes.intervalMs} ms each; ${sizes.groups * (sizes.perGroup - 1)} clients) | saturation (senders back to back): sent, p50 / p99 | throughput (${sizes.senders} senders, ${sizes.seconds} s) | lost / duplicated | load average (1 min) at the end |`,
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.instances} | ${r.p50} / ${r.p99} ms | ${r.saturatedPerSecond} msg/s, ${r.saturatedP50} / ${r.saturatedP99} ms | ${r.throughput} msg/s | ${r.missing + r.lost} / ${r.duplicates + r.duplicated} (errors ${r.errors}) | ${r.loadAverage} |`,
    ),
  ].join("\n");
  console.log(`\n${table}`);
  fs.mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${date.slice(0, 10)}-scale${quick ? "-quick" : ""}.json`;
  fs.writeFileSync(file, `${JSON.stringify({ date, commit, quick, sizes, cores: os.cpus().length, results }, null, 2)}\n`);
  console.log(`bench:scale: wrote ${file}`);
  if (!quick) {
    const doc = "docs/BENCHMARKS.md";
    const block = `<!-- results:scale:start -->\nMeasured ${date.slice(0, 16).replace("T", " ")} UTC, commit \`${commit}\`, ${os.cpus().length} cores, Node ${process.version}, PostgreSQL server; one run each.\n\n${table}\n<!-- results:scale:end -->`;
    const text = fs.readFileSync(doc, "utf8");
    const pattern = /<!-- results:scale:start -->[\s\S]*<!-- results:scale:end -->/;
    if (pattern.test(text)) {
      fs.writeFileSync(doc, text.replace(pattern, block));
      console.log(`bench:scale: updated ${doc}`);
    }
  }
  if (results.some((r) => r.missing + r.lost + r.duplicates + r.duplicated > 0)) {
    console.error("bench:scale: correctness check failed (lost or duplicated messages)");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error("bench:scale failed:", error);
  process.exit(1);
});
