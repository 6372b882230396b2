// EXPLAIN (ANALYZE, BUFFERS) of a message search's statements exactly as Prisma sends them (the
// pg driver's text and parameters, captured), against a database holding the bench's search data
// set (bench/lib/datagen.ts; e.g. what `scripts/measure-search.ts` or a bench run left):
//   npx tsx --conditions=react-server scripts/explain-search.ts postgresql://…
//   npx tsx --conditions=react-server scripts/explain-search.ts .data/bench-0/<embedded data folder>
// The reader is the user in the fewest chats (a bench reader: 200; the other user is in 800), the word the topic word 7 (its
// matches all in the readers' chats). The statements are those of lib/chat/search/reads.ts for a
// reader with no "delete for me" cut-off: the page as its one SQL statement (round 6, run through
// lib/chat/search/reads.ts itself); then, for comparison, round 4's ids through Prisma's relation
// filter (what MongoDB's path still sends, and PostgreSQL did before).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { connect, topicWord } from "@/bench/lib/datagen";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { pageSql, type SqlReader } from "@/lib/chat/search/reads";

const target = process.argv[2];
if (!target) throw new Error("usage: explain-search.ts <postgresql://… | embedded data folder>");
const embedded = target.startsWith("postgres") ? null : await startEmbeddedPostgres({ dataDir: target });
const url = embedded?.url ?? target;
const gen = connect(url);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) } as never) as PrismaClient;
const reader = (
  await gen.sql.query<{ id: string }>(`SELECT "B" AS id FROM "_ConversationToUser" GROUP BY "B" ORDER BY count(*) ASC LIMIT 1`)
).rows[0]!.id;
const word = process.argv[3] ?? (await topicWord(gen, 7));
const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];

const captured: { text: string; values: unknown[] }[] = [];
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const original = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (typeof first === "string") captured.push({ text: first, values: second ?? [] });
  else if (first && typeof first === "object" && "text" in first) captured.push({ text: first.text, values: first.values ?? [] });
  return original.apply(this, args);
};
const hits = await pageSql({ actorId: reader, words: [word], position: null, limit: 20 }, db as unknown as SqlReader);
await db.message.findMany({
  where: {
    AND: [
      { conversation: { users: { some: { id: reader } } } },
      { deletedAt: null },
      { hiddenFor: { none: { userId: reader } } },
      { searchText: { contains: word } },
    ],
  },
  orderBy: order,
  take: 21,
  select: { id: true },
});
proto.query = original;

const statements = captured.filter((c) => /^\s*SELECT/i.test(c.text));
console.log(`reader ${reader}, word ${word}, ${hits.length} hits`);
for (const [i, statement] of statements.entries()) {
  for (let round = 0; round < 3; round += 1) await gen.sql.query(statement.text, statement.values); // warm
  const plan = await gen.sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
  const label = ["the page (SQL, round 6)", "ids through Prisma's relation filter (round 4)"][i] ?? `statement ${i + 1}`;
  console.log(`\n-- ${label}:\n${statement.text}\n${JSON.stringify(statement.values)}\n`);
  console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
}
await gen.close();
await db.$disconnect();
await embedded?.close();
