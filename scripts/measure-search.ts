// Message search statements, the membership as a relation filter (round 2) against my chats read first
// (round 3; docs/BENCHMARKS.md, "Message search"), measured in one process against the same data,
// interleaved sample by sample so that a
// busy machine weighs on both alike: `npx tsx --conditions=react-server scripts/measure-search.ts [postgresql://… | embedded]` (the
// condition lets it import the server-only read shape).
// The data is the bench's search data set (bench/lib/datagen.ts) at 100,000 then 1,000,000 messages;
// on a server the database must be empty (e.g. a new one). Prisma runs as in the app (pg adapter, client engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { analyze, connect, createConversations, createSearchableMessages, createUsers, idOf, topicWord } from "@/bench/lib/datagen";
import { summarize } from "@/bench/lib/stats";
import { migrate } from "@/lib/db/migrate";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { messageSelect } from "@/lib/chat/messages/read-shape";

const target = process.argv[2] ?? "embedded";
const embedded = target === "embedded" ? await startEmbeddedPostgres({ dataDir: "memory://" }) : null;
const url = embedded?.url ?? target;
await migrate(url);
const gen = connect(url);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) } as never) as PrismaClient;
const seed = "m";
const readers = 10;
await createUsers(gen, seed, readers + 1);
const members = Array.from({ length: readers }, (_, i) => String(i));
await createConversations(gen, seed, { from: 0, count: 200, members: () => members, isGroup: true });
await createConversations(gen, seed, { from: 200, count: 800, members: () => [String(readers)], isGroup: true });
const users = await Promise.all(members.map((m) => idOf(gen, seed, "user", Number(m))));
const words = await Promise.all([7, 123, 456, 789].map((k) => topicWord(gen, k)));
const order = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.MessageOrderByWithRelationInput[];

const bounds = (actorId: string) =>
  db.conversationMemberState.findMany({
    where: { userId: actorId, historyFrom: { not: null } },
    select: { conversationId: true, historyFrom: true },
  });
const ids = (where: Prisma.MessageWhereInput) =>
  db.message.findMany({ where, orderBy: order, take: 21, select: { id: true, createdAt: true } });
const pageOf = async (found: { id: string }[]) =>
  (await db.message.findMany({ where: { id: { in: found.slice(0, 20).map((m) => m.id) } }, orderBy: order, select: messageSelect })).length;
const variants = {
  "relation filter, bounds with ids, then page (round 2)": async (actorId: string, word: string) => {
    const [, found] = await Promise.all([
      bounds(actorId),
      ids({ AND: [{ conversation: { users: { some: { id: actorId } } } }, { searchText: { contains: word } }] }),
    ]);
    return pageOf(found);
  },
  "my chats with bounds, ids in them, then page (round 3)": async (actorId: string, word: string) => {
    const [chats] = await Promise.all([
      db.conversation.findMany({ where: { users: { some: { id: actorId } } }, select: { id: true }, take: 1001 }),
      bounds(actorId),
    ]);
    return pageOf(await ids({ AND: [{ conversationId: { in: chats.map((c) => c.id) } }, { searchText: { contains: word } }] }));
  },
};

async function measure(label: string, samples: number) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < samples + 20; i += 1) {
    const [actorId, word] = [users[i % readers]!, words[i % words.length]!];
    for (const [name, run] of Object.entries(variants)) {
      const start = performance.now();
      await run(actorId, word);
      if (i >= 20) times[name]!.push(performance.now() - start);
    }
  }
  for (const [name, list] of Object.entries(times)) {
    const s = summarize(list);
    console.log(`${label}\t${name}\tp50 ${s.p50.toFixed(1)} ms\tp95 ${s.p95.toFixed(1)} ms`);
  }
}

await createSearchableMessages(gen, seed, { from: 0, count: 100_000, conversations: 1000, senders: readers });
await analyze(gen);
await measure("100k", 200);
await createSearchableMessages(gen, seed, { from: 100_000, count: 900_000, conversations: 1000, senders: readers });
await analyze(gen);
await measure("1M", 200);
await gen.close();
await db.$disconnect();
await embedded?.close();
