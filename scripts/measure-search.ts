// Message search statements as lib/chat/search/reads.ts has had them (docs/BENCHMARKS.md, "Message
// search": round 4's two statements through Prisma, round 6's page as one SQL statement; earlier
// variants, round 5's included, are in its history), measured in one process against the same data,
// interleaved sample by sample so that a
// busy machine weighs on both alike: `npx tsx --conditions=react-server scripts/measure-search.ts [postgresql://… | embedded]` (the
// condition lets it import the server-only read shape).
// The data is the bench's search data set (bench/lib/datagen.ts) at 100,000 then 1,000,000 messages;
// on a server the database must be empty (e.g. a new one). Prisma runs as in the app (pg adapter, client engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { analyze, connect, createSearchableMessages, createSearchReaders } from "@/bench/lib/datagen";
import { measureInterleaved } from "@/bench/lib/stats";
import { migrate } from "@/lib/db/migrate";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { messageSelect } from "@/lib/chat/messages/read-shape";
import { pageSql, type SqlReader } from "@/lib/chat/search/reads";

const target = process.argv[2] ?? "embedded";
const embedded = target === "embedded" ? await startEmbeddedPostgres({ dataDir: "memory://" }) : null;
const url = embedded?.url ?? target;
await migrate(url);
const gen = connect(url);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) } as never) as PrismaClient;
const seed = "m";
const readers = 10;
const { users, words } = await createSearchReaders(gen, seed, readers);
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
  "round 6: the page (hit shape) in one SQL statement": async (actorId: string, word: string) =>
    (await pageSql({ actorId, words: [word], position: null, limit: 20 }, db as unknown as SqlReader)).length,
};

const measure = (label: string, samples: number) =>
  measureInterleaved(label, variants, (i) => [users[i % readers]!, words[i % words.length]!] as [string, string], samples);

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
