// Message search statements as lib/chat/search/reads.ts has had them (docs/BENCHMARKS.md, "Message
// search": round 4's two statements through Prisma, round 5's ids as one SQL statement; earlier
// variants are in its history), measured in one process against the same data,
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
import { pageIdsSql, type SqlReader } from "@/lib/chat/search/reads";

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

// Deleted for everyone, deleted for me (lib/chat/message-actions/visibility.ts, PostgreSQL form).
const deletion = (actorId: string): Prisma.MessageWhereInput[] => [{ deletedAt: null }, { hiddenFor: { none: { userId: actorId } } }];
const ids = (where: Prisma.MessageWhereInput) =>
  db.message.findMany({ where, orderBy: order, take: 21, select: { id: true, createdAt: true } });
const pageOf = async (found: { id: string }[], select: Prisma.MessageSelect = messageSelect, size = 20) =>
  (await db.message.findMany({ where: { id: { in: found.slice(0, size).map((m) => m.id) } }, orderBy: order, select })).length;
const mine = (actorId: string): Prisma.MessageWhereInput => ({ conversation: { users: { some: { id: actorId } } } });
// The variants as lib/chat/search/reads.ts has had them (a user with no "delete for me" cut-off, as in the bench).
const variants = {
  "round 4: relation filter ids, then page with my cut-offs (2 statements)": async (actorId: string, word: string) => {
    const found = await ids({ AND: [mine(actorId), ...deletion(actorId), { searchText: { contains: word } }] });
    const cutOffs = {
      conversation: { select: { memberStates: { where: { userId: actorId, historyFrom: { not: null } }, select: { historyFrom: true } } } },
    } satisfies Prisma.MessageSelect;
    return pageOf(found, { ...messageSelect, ...cutOffs }, 21);
  },
  "round 5: ids in one SQL statement (member tables only), then page": async (actorId: string, word: string) => {
    const found = await pageIdsSql({ actorId, words: [word], position: null, limit: 20 }, db as unknown as SqlReader);
    return pageOf(
      found.map((id) => ({ id })),
      messageSelect,
      21,
    );
  },
};

async function measure(label: string, samples: number) {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let i = 0; i < samples + 20; i += 1) {
    const [actorId, word] = [users[i % readers]!, words[i % words.length]!];
    // Each sample starts with the next variant, so that none always runs first (or after the same one).
    const entries = Object.entries(variants);
    for (const [name, run] of [...entries.slice(i % entries.length), ...entries.slice(0, i % entries.length)]) {
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
// MEASURE_ROUNDS=n repeats each size's measurement (200 samples per variant each time).
const rounds = Number(process.env.MEASURE_ROUNDS ?? 1);
for (let r = 1; r <= rounds; r += 1) await measure(`100k #${r}`, 200);
await createSearchableMessages(gen, seed, { from: 100_000, count: 900_000, conversations: 1000, senders: readers });
await analyze(gen);
for (let r = 1; r <= rounds; r += 1) await measure(`1M #${r}`, 200);
await gen.close();
await db.$disconnect();
await embedded?.close();
