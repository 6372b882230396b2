// Measures the first-load JavaScript of /chat with bench/scenarios.ts `pageScripts` (what
// `npm run bench` reports) and prints each script's size, so regressions are easy to locate.
// Also measures a conversation page (/chat/<id> of a seeded 1:1 chat) for comparison.
// Usage: npm run build && npx tsx scripts/measure-first-load.mts [--port 3300]
import { rmSync } from "node:fs";
import { connect, createConversations, createUsers, idOf } from "../bench/lib/datagen";
import { startServer } from "../bench/lib/server";
import { sessionCookie } from "../bench/lib/session";
import { pageScripts } from "../bench/scenarios";

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
    const rows = await pageScripts(server.baseUrl, cookie, route);
    const total = rows.filter((row) => !row.noModule).reduce((sum, row) => sum + row.gzipBytes, 0);
    const noModuleTotal = rows.filter((row) => row.noModule).reduce((sum, row) => sum + row.gzipBytes, 0);
    rows.sort((a, b) => b.gzipBytes - a.gzipBytes);
    console.log(`\n${route}`);
    for (const row of rows)
      console.log(
        `${(row.gzipBytes / 1024).toFixed(1).padStart(7)} kB gz ${(row.rawBytes / 1024).toFixed(1).padStart(7)} kB raw  ${row.src}${row.noModule ? " (nomodule)" : ""}`,
      );
    console.log(
      `first-load JS: ${(total / 1024).toFixed(1)} kB gzip (+ ${(noModuleTotal / 1024).toFixed(1)} kB nomodule polyfills that browsers with ES modules skip)`,
    );
  }
} finally {
  await server.stop();
}
