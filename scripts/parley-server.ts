// The production HTTP server `npm start` runs (spawned by scripts/parley.ts after it has prepared
// the environment): Next.js's own request handler (the one `next start` uses) on an http.Server we
// own, so SIGTERM drains it instead of closing it at once (lib/server/drain.ts, README "Rolling
// restarts"). SIGINT (Ctrl-C) drains with no grace period. `npm run dev` still runs `next dev`.
//
//   node --require scripts/peer-address.cjs --import tsx scripts/parley-server.ts   (PORT, NODE_ENV=production)
import http from "node:http";
import next from "next";
import { drainOptionsFromEnv, makeDrainable } from "@/lib/server/drain";
import { reportMediaTools } from "@/lib/chat/attachments/media-tools";

const log = (line: string) => console.log(`parley ${line}`);

async function main() {
  // tsx (which runs this file) turns Node's source maps on for the whole process; left on, every
  // chunk of the build has its .map read and parsed as it loads (seconds of CPU at start-up, measured
  // with bench/lib/cpu-profile.cjs) and every error stack is mapped. `next start` leaves them off.
  process.setSourceMapsEnabled(false);
  const port = Number(process.env.PORT || 3000);
  // Attachments (issue 14): say once if ffprobe/ffmpeg are missing (durations and posters are off).
  reportMediaTools((line) => log(line));
  const options = drainOptionsFromEnv(process.env);
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(`request ${request.method} ${request.url} failed`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  const drainable = makeDrainable(server, { ...options, log });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Every interface, as `next start` without -H (not $HOSTNAME: containers set it to their own name).
    server.listen(port, () => resolve());
  });
  // What `next start` sets once listening (absolute URLs Next builds for itself).
  process.env.__NEXT_PRIVATE_ORIGIN = `http://localhost:${port}`;
  log(`server: ready on port ${port} (drain on SIGTERM: grace ${options.graceMs} ms, timeout ${options.timeoutMs} ms)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`server: ${signal}, draining`);
    drainable.drain(signal === "SIGTERM" ? {} : { graceMs: 0 }).then(
      (report) => {
        log(`server: drained (${report.cutRequests} request(s) cut, ${report.unsettledWork} task(s) unfinished)`);
        process.exit(report.cutRequests === 0 && report.unsettledWork === 0 ? 0 : 1);
      },
      (error: unknown) => {
        console.error("server: drain failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("parley: the server failed to start:", error);
  process.exit(1);
});
