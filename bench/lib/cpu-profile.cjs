// Profiling aid for the benchmark's server processes. Node refuses --cpu-prof in NODE_OPTIONS, so
// BENCH_SERVER_NODE_OPTIONS="--require ./bench/lib/cpu-profile.cjs" loads this into every Node
// process of the server instead: it samples the CPU through the inspector and writes
// <pid>-<script>.cpuprofile into BENCH_PROFILE_DIR (default /tmp/parley-profiles) when the process is
// stopped (SIGTERM/SIGINT, as the benchmark stops its server) or runs out of work.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_PROFILE_DIR || "/tmp/parley-profiles";
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable", () =>
  session.post("Profiler.setSamplingInterval", { interval: 250 }, () => session.post("Profiler.start")),
);
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (error, result) => {
    if (error) return;
    const script = path.basename(process.argv[2] || process.argv[1] || "node").replace(/[^\w.-]/g, "_");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}-${script}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.prependListener("SIGTERM", write);
process.prependListener("SIGINT", write);
process.on("beforeExit", write);
