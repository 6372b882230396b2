// What one message search costs, piece by piece, on the bench's search data set (docs/BENCHMARKS.md,
// "Message search", round 6): `npx tsx --conditions=react-server scripts/measure-search-request.ts
// [postgresql://… (an empty database) | embedded]`. Embedded, PGlite runs in a child process behind
// the wire server, as the launcher runs it beside the app; the app's own modules (db, the search, the
// session lookup) run here against it. Each sample runs every piece once, in a rotating order, so
// that a busy machine weighs on all alike; 100,000 messages, then (MEASURE_LARGE=1) 1,000,000.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { analyze, connect, createSearchableMessages, createSearchReaders } from "@/bench/lib/datagen";
import { measureInterleaved } from "@/bench/lib/stats";
import { migrate } from "@/lib/db/migrate";

const target = process.argv[2] ?? "embedded";
let child: ReturnType<typeof spawn> | null = null;
let url = target;
if (target === "embedded") {
  const code = `import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
const pg = await startEmbeddedPostgres({ dataDir: "memory://" });
console.log("URL " + pg.url);`;
  child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  url = await new Promise<string>((resolve) => {
    let out = "";
    child!.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /URL (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
  });
}
Object.assign(process.env, {
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: "8",
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  PUSHER_APP_ID: "1",
  PUSHER_KEY: "k",
  PUSHER_SECRET: "s",
});
await migrate(url);
const gen = connect(url);
const seed = "r";
const readers = 10;
const { users, words } = await createSearchReaders(gen, seed, readers);

const { db: client } = await import("@/lib/db/client");
const { Prisma } = await import("@/lib/generated/prisma/client");
const { pageSql, searchMessagesVia } = await import("@/lib/chat/search/reads");
type SqlReader = import("@/lib/chat/search/reads").SqlReader;
// The PostgreSQL client (this script never runs on MongoDB).
const db = client as typeof client & SqlReader;
const { messageSelect } = await import("@/lib/chat/messages/read-shape");
const { liveSessionOf } = await import("@/lib/auth/session-version");
const { decodeSessionToken } = await import("@/lib/auth/session-token");
const { encode } = await import("next-auth/jwt");
const secret = process.env.NEXTAUTH_SECRET!;
const cookies = new Map(
  await Promise.all(
    users.map(async (sub) => [sub, new Map([["next-auth.session-token", await encode({ token: { sub, sv: 0 }, secret })]])] as const),
  ),
);

let lookups = 0;
// Round 5's ids statement (lib/chat/search/reads.ts before round 6), for a one-word query without filters.
const round5Ids = (actorId: string, word: string) => Prisma.sql`
    SELECT m."id" FROM "Message" m
    JOIN "_ConversationToUser" cu ON cu."A" = m."conversationId" AND cu."B" = ${actorId}::uuid
    LEFT JOIN "ConversationMemberState" s ON s."conversationId" = m."conversationId" AND s."userId" = ${actorId}::uuid
    WHERE m."deletedAt" IS NULL AND (s."historyFrom" IS NULL OR m."createdAt" > s."historyFrom")
    AND NOT EXISTS (SELECT 1 FROM "MessageHidden" h WHERE h."messageId" = m."id" AND h."userId" = ${actorId}::uuid)
    AND m."searchText" LIKE ${`%${word}%`}
    ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 21`;
const order = [{ createdAt: "desc" }, { id: "desc" }] as const;
const pieces: Record<string, (actorId: string, word: string) => Promise<unknown>> = {
  "one round trip (SELECT 1)": () => db.$queryRaw(Prisma.sql`SELECT 1`),
  "session cookie decode (NextAuth JWE)": (actorId) => decodeSessionToken(cookies.get(actorId)!, secret),
  // The live-session lookup uncached (the app caches it 5 s per user and process).
  "session lookup, uncached": (actorId) => liveSessionOf(actorId, Date.now() + 10_000 * (lookups += 1)),
  // Round 5: the ids of the page in one SQL statement, then the page in the full read shape.
  "round 5: ids statement": (actorId, word) => db.$queryRaw(round5Ids(actorId, word)),
  "round 5: ids, then page read (messageSelect)": async (actorId, word) => {
    const ids = (await db.$queryRaw<{ id: string }[]>(round5Ids(actorId, word))).map((row) => row.id);
    return ids.length ? db.message.findMany({ where: { id: { in: ids } }, orderBy: [...order], select: messageSelect }) : [];
  },
  "round 6: the page in one statement (pageSql)": (actorId, word) => pageSql({ actorId, words: [word], position: null, limit: 20 }),
  "searchMessages (parse, budget, statement(s), DTOs)": (actorId, word) => searchMessagesVia("sql", actorId, { q: word }),
  "… and JSON.stringify": async (actorId, word) => JSON.stringify(await searchMessagesVia("sql", actorId, { q: word })),
};

const measure = (label: string, samples: number) =>
  measureInterleaved(label, pieces, (i) => [users[i % readers]!, words[i % words.length]!] as [string, string], samples);

await createSearchableMessages(gen, seed, { from: 0, count: 100_000, conversations: 1000, senders: readers });
await analyze(gen);
const rounds = Number(process.env.MEASURE_ROUNDS ?? 1);
for (let r = 1; r <= rounds; r += 1) await measure(`100k #${r}`, Number(process.env.MEASURE_SAMPLES ?? 200));
if (process.env.MEASURE_LARGE) {
  await createSearchableMessages(gen, seed, { from: 100_000, count: 900_000, conversations: 1000, senders: readers });
  await analyze(gen);
  for (let r = 1; r <= rounds; r += 1) await measure(`1M #${r}`, Number(process.env.MEASURE_SAMPLES ?? 200));
}
await gen.close();
await db.$disconnect();
child?.kill();
