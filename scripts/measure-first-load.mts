// Measures the first-load JavaScript of /chat exactly like bench/scenarios.ts `firstLoadJs`:
// a signed-in GET of /chat from the production build, every <script src> in the HTML, each
// gzipped at level 9, summed. Also prints each script's size, so regressions are easy to locate.
// Also measures a conversation page (/chat/<id> of a seeded 1:1 chat) for comparison.
// Usage: npm run build && npx tsx scripts/measure-first-load.mts [--port 3300]
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { connect, createConversations, createUsers, idOf } from "../bench/lib/datagen";
import { startServer } from "../bench/lib/server";
import { sessionCookie } from "../bench/lib/session";

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
};
const port = Number(arg("port", "3300"));
const dataDir = ".data/measure-first-load";
rmSync(dataDir, { recursive: true, force: true });

const server = await startServer({ port, dataDir });
try {
  const gen = connect(server.databaseUrl);
  const seed = `measure-${Date.now().toString(36)}`;
  await createUsers(gen, seed, 2);
  await createConversations(gen, seed, { from: 0, count: 1, members: () => ["0", "1"], isGroup: false });
  const id = await idOf(gen, seed, "user", 0);
  const conversationId = await idOf(gen, seed, "conv", 0);
  await gen.close();
  const cookie = await sessionCookie(server.secret, { id, name: "Bench user 0" });
  for (const route of ["/chat", `/chat/${conversationId}`]) {
    const response = await fetch(`${server.baseUrl}${route}`, { headers: { cookie, origin: server.baseUrl }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`GET ${route}: HTTP ${response.status}`);
    const html = await response.text();
    const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))];
    const noModule = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*noModule/gi)].map((m) => m[1]!));
    let total = 0;
    let noModuleTotal = 0;
    const rows: { src: string; raw: number; gzip: number }[] = [];
    for (const src of sources) {
      const body = Buffer.from(await (await fetch(new URL(src, server.baseUrl))).arrayBuffer());
      const gzip = gzipSync(body, { level: 9 }).length;
      total += gzip;
      if (noModule.has(src)) noModuleTotal += gzip;
      rows.push({ src, raw: body.length, gzip });
    }
    rows.sort((a, b) => b.gzip - a.gzip);
    console.log(`\n${route}`);
    for (const row of rows)
      console.log(`${(row.gzip / 1024).toFixed(1).padStart(7)} kB gz ${(row.raw / 1024).toFixed(1).padStart(7)} kB raw  ${row.src}${noModule.has(row.src) ? " (nomodule)" : ""}`);
    console.log(`first-load JS: ${(total / 1024).toFixed(1)} kB gzip in ${sources.length} scripts`);
    console.log(`  of which nomodule polyfills (never run by browsers with ES modules): ${(noModuleTotal / 1024).toFixed(1)} kB`);
  }
} finally {
  await server.stop();
}
