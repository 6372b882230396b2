// Bulk, reproducible data: set-based INSERT … SELECT generate_series with ids derived from a seed
// (md5 → uuid), so the same seed gives the same rows and a million messages take seconds, not hours.
import pg from "pg";

export interface DataGen {
  sql: pg.Pool;
  close(): Promise<void>;
}

export function connect(databaseUrl: string): DataGen {
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  return { sql, close: () => sql.end() };
}

/** Deterministic uuid for (seed, kind, n), computed in SQL. */
const idSql = (seed: string, kind: string, n: string) => `md5('${seed}:${kind}:' || ${n})::uuid`;
export const idOf = async (db: DataGen, seed: string, kind: string, n: number): Promise<string> =>
  (await db.sql.query<{ id: string }>(`SELECT ${idSql(seed, kind, "$1::text")} AS id`, [String(n)])).rows[0]!.id;

export async function createUsers(db: DataGen, seed: string, count: number, from = 0): Promise<void> {
  await db.sql.query(
    `INSERT INTO "User" (id, name, email, "updatedAt")
     SELECT ${idSql(seed, "user", "n::text")}, 'Bench user ' || n, '${seed}-' || n || '@bench.test', now()
       FROM generate_series($1::int, $2::int) n ON CONFLICT DO NOTHING`,
    [from, from + count - 1],
  );
}

/** `count` conversations numbered from `from`, each with the given member user numbers. */
export async function createConversations(
  db: DataGen,
  seed: string,
  spec: { from: number; count: number; members: (n: string) => string[]; isGroup: boolean },
): Promise<void> {
  const { from, count, members, isGroup } = spec;
  await db.sql.query(
    `INSERT INTO "Conversation" (id, "createdAt", "lastMessageAt", name, "isGroup")
     SELECT ${idSql(seed, "conv", "n::text")}, now() - interval '30 days', now() - interval '30 days',
            ${isGroup ? `'Bench group ' || n` : "NULL"}, $3
       FROM generate_series($1::int, $2::int) n`,
    [from, from + count - 1, isGroup],
  );
  for (const member of members("n")) {
    await db.sql.query(
      `INSERT INTO "_ConversationToUser" ("A", "B")
       SELECT ${idSql(seed, "conv", "n::text")}, ${idSql(seed, "user", `(${member})::text`)}
         FROM generate_series($1::int, $2::int) n ON CONFLICT DO NOTHING`,
      [from, from + count - 1],
    );
  }
}

/**
 * `count` messages in conversation number `conv`, alternating between two senders, 20 ms
 * apart, then lastMessageAt set to the newest. Each is seen by its sender.
 */
export async function createMessages(
  db: DataGen,
  seed: string,
  spec: { conv: number; senders: [number, number]; count: number; tag: string; withSeen?: boolean },
): Promise<void> {
  const conv = idSql(seed, "conv", `'${spec.conv}'`);
  const sender = (n: string) =>
    `CASE WHEN ${n} % 2 = 0 THEN ${idSql(seed, "user", `'${spec.senders[0]}'`)} ELSE ${idSql(seed, "user", `'${spec.senders[1]}'`)} END`;
  const batch = 100_000;
  for (let start = 0; start < spec.count; start += batch) {
    const end = Math.min(spec.count, start + batch) - 1;
    await db.sql.query(
      `INSERT INTO "Message" (id, body, "createdAt", "conversationId", "senderId")
       SELECT ${idSql(seed, `msg-${spec.tag}-${spec.conv}`, "n::text")},
              'Benchmark message number ' || n || ' with a realistic length of text in it.',
              now() - interval '20 days' + interval '20 milliseconds' * n,
              ${conv}, ${sender("n")}
         FROM generate_series($1::int, $2::int) n`,
      [start, end],
    );
    if (spec.withSeen) {
      await db.sql.query(
        `INSERT INTO "_Seen" ("A", "B")
         SELECT ${idSql(seed, `msg-${spec.tag}-${spec.conv}`, "n::text")}, ${sender("n")}
           FROM generate_series($1::int, $2::int) n`,
        [start, end],
      );
    }
  }
  await db.sql.query(
    `UPDATE "Conversation" SET "lastMessageAt" = (SELECT max("createdAt") FROM "Message" WHERE "conversationId" = ${conv}) WHERE id = ${conv}`,
  );
}

/** The six emoji the decorated history data reacts with (the app's quick reactions). */
const BENCH_EMOJI = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/**
 * What a lived-in history carries besides text, added to messages `from`..`to` of createMessages(`tag`)
 * in conversation `conv`, whose members are users 0..`members`-1 (the senders alternate between
 * users 0 and 1, as createMessages writes them). Set-based, deterministic, as the send, react,
 * reply, edit and delete operations would have left the rows:
 * - receipts: every member but the sender has a MessageReceipt (delivered); all but the newest
 *   `unread` messages are read by everyone (readAt, and the Seen relation);
 * - reactions: every third message, by 1 to `members` members, each with its own emoji;
 * - replies: every tenth message (n % 10 = 5) quotes the message three before it;
 * - edits: n % 15 = 2 is edited once (editedAt, one MessageEdit with the previous body);
 * - forwarded: n % 20 = 11;
 * - deleted for everyone: n % 25 = 7 is a tombstone (no body, deletedAt, deletedBy the sender; no
 *   reactions or edits, which the delete removes). Replies to a tombstone quote it as deleted.
 */
export async function decorateMessages(
  db: DataGen,
  seed: string,
  spec: { conv: number; tag: string; from: number; to: number; members: number; unread?: number },
): Promise<void> {
  const msg = (n: string) => idSql(seed, `msg-${spec.tag}-${spec.conv}`, n);
  const user = (n: string) => idSql(seed, "user", `(${n})::text`);
  const deleted = "n % 25 = 7";
  const readUpTo = spec.to - (spec.unread ?? 20);
  const batch = 50_000;
  for (let start = spec.from; start <= spec.to; start += batch) {
    const range = [start, Math.min(spec.to, start + batch - 1)];
    await db.sql.query(
      `INSERT INTO "MessageReceipt" (id, "messageId", "userId", "deliveredAt", "readAt")
       SELECT ${idSql(seed, `rcpt-${spec.tag}-${spec.conv}`, "n || '-' || k")}, ${msg("n::text")}, ${user("k")},
              now() - interval '19 days', CASE WHEN n <= $3 THEN now() - interval '18 days' END
         FROM generate_series($1::int, $2::int) n, generate_series(0, ${spec.members - 1}) k
        WHERE k <> n % 2`,
      [...range, readUpTo],
    );
    await db.sql.query(
      `INSERT INTO "_Seen" ("A", "B")
       SELECT ${msg("n::text")}, ${user("k")}
         FROM generate_series($1::int, LEAST($2::int, $3::int)) n, generate_series(0, ${spec.members - 1}) k
        WHERE k <> n % 2 ON CONFLICT DO NOTHING`,
      [...range, readUpTo],
    );
    await db.sql.query(
      `INSERT INTO "MessageReaction" (id, "messageId", "userId", emoji, "createdAt")
       SELECT ${idSql(seed, `react-${spec.tag}-${spec.conv}`, "n || '-' || k")}, ${msg("n::text")}, ${user("k")},
              ($3::text[])[((n + k) % ${BENCH_EMOJI.length}) + 1], now() - interval '19 days' + interval '1 second' * k
         FROM generate_series($1::int, $2::int) n, generate_series(0, ${spec.members - 1}) k
        WHERE n % 3 = 0 AND k <= (n / 3) % ${spec.members} AND NOT (${deleted})`,
      [...range, BENCH_EMOJI],
    );
    await db.sql.query(
      `INSERT INTO "MessageEdit" (id, "messageId", body, "editedAt")
       SELECT ${idSql(seed, `edit-${spec.tag}-${spec.conv}`, "n::text")}, ${msg("n::text")},
              'Benchmark message number ' || n || ' as first written.', now() - interval '19 days'
         FROM generate_series($1::int, $2::int) n
        WHERE n % 15 = 2 AND NOT (${deleted})`,
      range,
    );
    await db.sql.query(
      `UPDATE "Message" m
          SET "replyToId" = CASE WHEN s.n % 10 = 5 AND s.n - 3 >= $3 THEN ${msg("(s.n - 3)::text")} ELSE m."replyToId" END,
              "editedAt" = CASE WHEN s.n % 15 = 2 AND s.n % 25 <> 7 THEN now() - interval '19 days' ELSE m."editedAt" END,
              forwarded = CASE WHEN s.n % 20 = 11 THEN true ELSE m.forwarded END,
              body = CASE WHEN s.n % 25 = 7 THEN NULL ELSE m.body END,
              "deletedAt" = CASE WHEN s.n % 25 = 7 THEN now() - interval '19 days' ELSE m."deletedAt" END,
              "deletedById" = CASE WHEN s.n % 25 = 7 THEN m."senderId" ELSE m."deletedById" END
         FROM (SELECT n, ${msg("n::text")} AS id FROM generate_series($1::int, $2::int) n
                WHERE n % 10 = 5 OR n % 15 = 2 OR n % 20 = 11 OR n % 25 = 7) s
        WHERE m.id = s.id`,
      [...range, spec.from],
    );
  }
}

export async function analyze(db: DataGen): Promise<void> {
  await db.sql.query("ANALYZE");
}

/**
 * A new, empty database on the server of `serverUrl` (needs CREATEDB), so every run starts from the
 * same state like the embedded runs do; the app's launcher migrates it. Dropped by `drop()`.
 */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Searchable messages: `count` messages (numbered from `from`) spread round-robin over the
 * conversations numbered 0..`conversations`-1, bodies ASCII with one "topic" word of 1,000
 * (`topicWord(k)`, chosen by n / 7 so that it does not follow the conversation: a one-word query matches 0.1 % of messages, spread over all chats), searchText written as the send
 * path would (lower case; the bodies have no accents).
 */
export async function createSearchableMessages(
  db: DataGen,
  seed: string,
  spec: { from: number; count: number; conversations: number; senders: number },
): Promise<void> {
  const batch = 100_000;
  for (let start = spec.from; start < spec.from + spec.count; start += batch) {
    const end = Math.min(spec.from + spec.count, start + batch) - 1;
    await db.sql.query(
      `INSERT INTO "Message" (id, body, "searchText", "createdAt", "conversationId", "senderId")
       SELECT ${idSql(seed, "smsg", "n::text")}, b, lower(b),
              now() - interval '20 days' + interval '1 millisecond' * n,
              ${idSql(seed, "conv", `(n % ${spec.conversations})::text`)}, ${idSql(seed, "user", `(n % ${spec.senders})::text`)}
         FROM generate_series($1::int, $2::int) n,
              LATERAL (SELECT 'Message ' || n || ' is about w' || substr(md5(((n / 7) % 1000)::text), 1, 6) || ' and Other Things, written at length' AS b) t`,
      [start, end],
    );
  }
}

/** The topic word of createSearchableMessages number `k` (0..999). */
export const topicWord = async (db: DataGen, k: number): Promise<string> =>
  (await db.sql.query<{ w: string }>(`SELECT 'w' || substr(md5($1::text), 1, 6) AS w`, [String(k)])).rows[0]!.w;

/**
 * The search data set's people and chats for the in-process measurements (scripts/measure-search*.ts):
 * `readers` users who share 200 group chats and one other user in 800 more, with no messages yet
 * (createSearchableMessages over 1,000 chats adds them); the readers' ids and the four topic words queried.
 */
export async function createSearchReaders(db: DataGen, seed: string, readers = 10): Promise<{ users: string[]; words: string[] }> {
  await createUsers(db, seed, readers + 1);
  const members = Array.from({ length: readers }, (_, i) => String(i));
  await createConversations(db, seed, { from: 0, count: 200, members: () => members, isGroup: true });
  await createConversations(db, seed, { from: 200, count: 800, members: () => [String(readers)], isGroup: true });
  const users = await Promise.all(members.map((m) => idOf(db, seed, "user", Number(m))));
  const words = await Promise.all([7, 123, 456, 789].map((k) => topicWord(db, k)));
  return { users, words };
}
