// `npm run bench [-- --quick]`: measures Parley against its performance targets on a production
// build (embedded stack by default; DATABASE_URL=postgresql://… for a real PostgreSQL server) and
// writes bench/results/<date>.json and the table in docs/BENCHMARKS.md. --quick runs tiny sizes once
// (CI keeps the harness working with it; its figures are not meaningful and are not written to docs).
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { baseline, conversationList, delivery, firstLoadJs, history, search, throughput, upload } from "./scenarios";
import { freshStackEnv } from "@/lib/embedded/launcher/fresh-stack-env";
import { freshDatabase } from "./lib/datagen";
import { startServer } from "./lib/server";
import { acrossRuns, round } from "./lib/stats";

const quick = process.argv.includes("--quick");
// --only=delivery,throughput,list,js,upload,search,history,cold: measure a subset while profiling (never written to docs).
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const wants = (scenario: string) => !only || only.includes(scenario);
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
const sizes = quick
  ? {
      groups: 3,
      perGroup: 4,
      messages: 3,
      intervalMs: 100,
      throughputSenders: 4,
      throughputSeconds: 2,
      small: 1_000,
      large: 10_000,
      searchSmall: 1_000,
      searchLarge: 10_000,
      conversations: 200,
      samples: 30,
    }
  : {
      groups: Number(process.env.BENCH_GROUPS ?? 50),
      perGroup: 5,
      messages: 20,
      intervalMs: Number(process.env.BENCH_INTERVAL_MS ?? 1000),
      throughputSenders: Number(process.env.BENCH_SENDERS ?? 32),
      throughputSeconds: Number(process.env.BENCH_SECONDS ?? 15),
      small: 10_000,
      large: 1_000_000,
      searchSmall: 100_000,
      searchLarge: 1_000_000,
      conversations: 5_000,
      samples: 300,
    };
const port = Number(process.env.BENCH_PORT ?? 3200);
// The history scenario's data (bench/scenarios.ts history): decorated (reactions, replies, edits,
// tombstones, receipts; the default) or plain text messages as measured before the message actions.
const historyData = process.env.BENCH_HISTORY_DATA === "plain" ? "plain" : "decorated";
const databaseUrl = process.env.DATABASE_URL;

async function coldStart(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...freshStackEnv(".data/bench-cold"), PORT: String(port + 1) };
  const start = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", "dev"], { env, stdio: "ignore", detached: true });
  try {
    for (;;) {
      if (performance.now() - start > 120_000) throw new Error("dev server did not serve / within 120 s");
      try {
        const response = await fetch(`http://localhost:${port + 1}/`);
        if (response.ok) return performance.now() - start;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 2000));
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

interface Row {
  metric: string;
  target: string;
  value: string;
  pass: boolean | null;
}

async function main() {
  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
  };
  const database = databaseUrl ? "PostgreSQL server (DATABASE_URL)" : "embedded PostgreSQL (PGlite)";
  console.log(`bench: ${quick ? "quick" : "full"} run, ${runs} run(s), ${database}, commit ${commit}, ${machine.cores} cores`);

  const results: Record<string, number[]> = {};
  const add = (key: string, value: number) => (results[key] ??= []).push(value);
  const checks: Record<string, number[]> = {};
  const addCheck = (key: string, value: number) => (checks[key] ??= []).push(value);

  for (let run = 0; run < runs; run++) {
    // On a database server each run gets its own new database, as each embedded run gets a new data
    // folder; the port is in its name, so that benches on other ports (other worktrees) sharing the
    // server never drop each other's database.
    const runDatabase = databaseUrl ? await freshDatabase(databaseUrl, `parley_bench_${port}_run_${run}`) : null;
    const server = await startServer({ port, dataDir: `.data/bench-${run}`, databaseUrl: runDatabase?.url });
    const seed = `r${run}-${Date.now().toString(36)}`;
    try {
      if (wants("delivery")) {
        console.log(`run ${run + 1}/${runs}: delivery`);
        const base = await baseline(server.databaseUrl, quick ? 50 : 500);
        const deliveryOpts = { groups: sizes.groups, perGroup: sizes.perGroup, messages: sizes.messages };
        const d = await delivery(server, { ...deliveryOpts, intervalMs: sizes.intervalMs, seed: `${seed}-d` });
        add("delivery.p50", d.latency.p50);
        add("delivery.p99", d.latency.p99);
        const floor = base.insert.p50 + base.websocket.p50;
        add("baseline.floor", floor);
        add("delivery.ratio", d.latency.p50 / floor);
        // The same senders back to back: latency at saturation (reported, no target).
        const saturated = await delivery(server, { ...deliveryOpts, intervalMs: 0, seed: `${seed}-ds` });
        add("deliverySaturated.p50", saturated.latency.p50);
        add("deliverySaturated.p99", saturated.latency.p99);
        add("deliverySaturated.perSecond", saturated.perSecond);
        for (const r of [d, saturated]) {
          addCheck("delivery.missing", r.expected - r.delivered);
          addCheck("delivery.duplicates", r.duplicates);
        }
      }

      if (wants("throughput")) {
        console.log(`run ${run + 1}/${runs}: throughput`);
        const t = await throughput(server, { senders: sizes.throughputSenders, seconds: sizes.throughputSeconds, seed: `${seed}-t` });
        add("throughput.perSecond", t.perSecond);
        addCheck("throughput.lost", t.lost);
        addCheck("throughput.duplicated", t.duplicated);
        addCheck("throughput.errors", t.errors);
      }

      if (wants("list")) {
        console.log(`run ${run + 1}/${runs}: conversation list`);
        const list = await conversationList(server, { conversations: sizes.conversations, samples: sizes.samples, seed: `${seed}-l` });
        add("list.p95", list.p95);
      }

      if (wants("js")) {
        console.log(`run ${run + 1}/${runs}: first-load JavaScript`);
        const js = await firstLoadJs(server, `${seed}-j`);
        add("js.gzipKb", js.gzipBytes / 1024);
        add("js.noModuleGzipKb", js.noModuleGzipBytes / 1024);
      }

      if (wants("upload")) {
        const megabytes = quick ? 5 : 50;
        console.log(`run ${run + 1}/${runs}: attachment upload (${megabytes} MB)`);
        const u = await upload(server, { megabytes, seed: `${seed}-u`, dataDir: `.data/bench-${run}` });
        add("upload.MBs", u.uploadMBs);
        add("upload.copyMBs", u.copyMBs);
        add("upload.peakRssMb", u.peakRssMb);
        add("upload.rssGrowthMb", u.peakRssMb - u.rssBeforeMb);
      }

      if (wants("search")) {
        console.log(`run ${run + 1}/${runs}: message search (${sizes.searchSmall} then ${sizes.searchLarge} messages)`);
        const s = await search(server, {
          small: sizes.searchSmall,
          large: sizes.searchLarge,
          chats: 200,
          samples: sizes.samples,
          seed: `${seed}-s`,
        });
        add("search.small.p95", s.small.p95);
        add("search.large.p95", s.large.p95);
        add("search.ratio", s.ratio);
      }

      // Last: it grows the database to its large size.
      if (wants("history")) {
        console.log(`run ${run + 1}/${runs}: history pages (${sizes.small} then ${sizes.large} messages)`);
        const h = await history(server, {
          small: sizes.small,
          large: sizes.large,
          samples: sizes.samples,
          seed: `${seed}-h`,
          data: historyData,
        });
        add("history.small.p95", h.small.p95);
        add("history.large.p95", h.large.p95);
        add("history.ratio", h.ratio);
      }
    } finally {
      await server.stop();
      await runDatabase?.drop();
    }
    if (wants("cold")) {
      console.log(`run ${run + 1}/${runs}: embedded cold start`);
      add("coldStart.seconds", (await coldStart()) / 1000);
    }
  }

  const m = (key: string) => acrossRuns(results[key] ?? [Number.NaN]);
  const fmt = (key: string, unit: string, digits = 1) => {
    const r = m(key);
    return runs > 1
      ? `${round(r.median, digits)} ${unit} (min ${round(r.min, digits)}, max ${round(r.max, digits)})`
      : `${round(r.median, digits)} ${unit}`;
  };
  const totalOf = (key: string) => (checks[key] ?? []).reduce((a, b) => a + b, 0);
  const rows: Row[] = [
    {
      metric: `send → delivered, p50 / p99 (${sizes.groups} concurrent senders, one message a second each; ${sizes.groups * (sizes.perGroup - 1)} subscribed clients)`,
      target: "≤ 15 ms / ≤ 50 ms",
      value: `${fmt("delivery.p50", "ms")} / ${fmt("delivery.p99", "ms")}`,
      pass: m("delivery.p50").median <= 15 && m("delivery.p99").median <= 50,
    },
    {
      metric: `the same, senders back to back (saturation: ${fmt("deliverySaturated.perSecond", "msg/s", 0)} sent)`,
      target: "(no target: latency is queueing)",
      value: `${fmt("deliverySaturated.p50", "ms")} / ${fmt("deliverySaturated.p99", "ms")}`,
      pass: null,
    },
    {
      metric: "the same p50 as a ratio to the baseline (INSERT round trip + WebSocket hop)",
      target: "≤ 3×",
      value: `${fmt("delivery.ratio", "×")} (baseline ${fmt("baseline.floor", "ms", 2)})`,
      pass: m("delivery.ratio").median <= 3,
    },
    {
      metric: `send API sustained throughput (${sizes.throughputSenders} senders, ${database})`,
      target: "≥ 500 msg/s, 0 lost, 0 duplicated",
      value: `${fmt("throughput.perSecond", "msg/s", 0)}; lost ${totalOf("throughput.lost")}, duplicated ${totalOf("throughput.duplicated")}, errors ${totalOf("throughput.errors")}`,
      pass: m("throughput.perSecond").median >= 500 && totalOf("throughput.lost") === 0 && totalOf("throughput.duplicated") === 0,
    },
    {
      metric: `message history page (50) p95, ${sizes.small.toLocaleString("en")} vs ${sizes.large.toLocaleString("en")} messages in the database (${historyData === "plain" ? "text-only 1:1 history" : "group history with reactions, replies, edits, tombstones and receipts"})`,
      target: "≤ 10 ms; ratio ≤ 1.5",
      value: `${fmt("history.small.p95", "ms")} vs ${fmt("history.large.p95", "ms")}; ratio ${fmt("history.ratio", "", 2)}`,
      pass: m("history.large.p95").median <= 10 && m("history.ratio").median <= 1.5,
    },
    {
      metric: `message search, one word, first page p95, user in 200 chats, ${sizes.searchSmall.toLocaleString("en")} vs ${sizes.searchLarge.toLocaleString("en")} messages in the database`,
      target: "≤ 20 ms; ratio ≤ 2",
      value: `${fmt("search.small.p95", "ms")} vs ${fmt("search.large.p95", "ms")}; ratio ${fmt("search.ratio", "", 2)}`,
      pass: m("search.large.p95").median <= 20 && m("search.ratio").median <= 2,
    },
    {
      metric: `conversation list (first page, with unread counts) p95, user in ${sizes.conversations.toLocaleString("en")} conversations`,
      target: "≤ 15 ms",
      value: fmt("list.p95", "ms"),
      pass: m("list.p95").median <= 15,
    },
    {
      metric: "first-load JavaScript of the chat route, gzip (what a browser with ES modules downloads)",
      target: "≤ 150 kB",
      value: `${fmt("js.gzipKb", "kB")} (+ ${fmt("js.noModuleGzipKb", "kB")} of \`nomodule\` polyfills that only legacy browsers load)`,
      pass: m("js.gzipKb").median <= 150,
    },
    {
      metric: `attachment upload of one ${quick ? 5 : 50} MB file (POST /api/attachments, streamed to the local disk) vs a raw copy of it on the same disk; the server processes' peak memory during it`,
      target: "streams: memory growth well under the file size",
      value: `${fmt("upload.MBs", "MB/s", 0)} vs copy ${fmt("upload.copyMBs", "MB/s", 0)}; peak ${fmt("upload.peakRssMb", "MB", 0)} (+${fmt("upload.rssGrowthMb", "MB", 0)})`,
      pass: m("upload.rssGrowthMb").median < (quick ? 5 : 50),
    },
    {
      metric: "embedded cold start (`npm run dev` to first page served)",
      target: "≤ 15 s",
      value: fmt("coldStart.seconds", "s"),
      pass: m("coldStart.seconds").median <= 15,
    },
  ];
  const deliveryMissing = totalOf("delivery.missing");
  const deliveryDuplicates = totalOf("delivery.duplicates");

  const report = { date: new Date().toISOString(), commit, quick, runs, database, machine, sizes, historyData, results, checks, rows };
  const table = [
    "| metric | target (2 cores) | measured: median (min, max) | met |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.metric} | ${r.target} | ${r.value} | ${r.pass === null ? "–" : r.pass ? "yes" : "no"} |`),
  ].join("\n");
  console.log(`\n${table}\n\nrealtime deliveries missing: ${deliveryMissing}, duplicated: ${deliveryDuplicates}`);

  fs.mkdirSync("bench/results", { recursive: true });
  // One results file and one docs block per database kind: the embedded default and a real server.
  const kind = databaseUrl ? "postgresql" : "embedded";
  const file = `bench/results/${report.date.slice(0, 10)}${databaseUrl ? "-postgresql" : ""}${quick ? "-quick" : ""}${only ? `-only-${only.join("-")}` : ""}${only?.includes("history") ? `-${historyData}` : ""}.json`;
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`bench: wrote ${file}`);
  if (!quick && !only) {
    const doc = "docs/BENCHMARKS.md";
    const text = fs.readFileSync(doc, "utf8");
    const block = `<!-- results:${kind}:start -->\nMeasured ${report.date.slice(0, 16).replace("T", " ")} UTC, commit \`${commit}\`, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, ${database}; ${runs} runs.\n\n${table}\n\nRealtime deliveries missing: ${deliveryMissing}; duplicated: ${deliveryDuplicates}.\n<!-- results:${kind}:end -->`;
    const pattern = new RegExp(`<!-- results:${kind}:start -->[\\s\\S]*<!-- results:${kind}:end -->`);
    if (!pattern.test(text)) throw new Error(`${doc} has no results:${kind} block to replace`);
    fs.writeFileSync(doc, text.replace(pattern, block));
    console.log(`bench: updated ${doc}`);
  }
  if (deliveryMissing > 0 || deliveryDuplicates > 0 || totalOf("throughput.lost") > 0 || totalOf("throughput.duplicated") > 0) {
    console.error("bench: correctness check failed (lost or duplicated messages)");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error("bench failed:", error);
  process.exit(1);
});
