// The embedded wire server must behave like one Postgres server to many clients: concurrent
// extended-protocol queries never see each other's statements, and transactions are isolated.
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

let embedded: EmbeddedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
  pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
});
afterAll(async () => {
  await pool.end();
  await embedded.close();
});

describe("embedded wire server", () => {
  it("keeps concurrent parameterised queries from different connections apart", async () => {
    await pool.query("CREATE TABLE kv (id int PRIMARY KEY, v text NOT NULL)");
    const wrong: number[] = [];
    await Promise.all(
      Array.from({ length: 400 }, async (_, i) => {
        await pool.query("INSERT INTO kv VALUES ($1, $2)", [i, `v${i}`]);
        const { rows } = await pool.query<{ v: string }>("SELECT v FROM kv WHERE id = $1", [i]);
        if (rows[0]?.v !== `v${i}`) wrong.push(i);
      }),
    );
    expect(wrong).toEqual([]);
    expect((await pool.query("SELECT count(*)::int AS n FROM kv")).rows[0].n).toBe(400);
  });

  it("runs one connection's transaction without interleaving another's statements", async () => {
    await pool.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
    await pool.query("INSERT INTO counter VALUES (1, 0)");
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<{ n: number }>("SELECT n FROM counter WHERE id = 1");
          await client.query("UPDATE counter SET n = $1 WHERE id = 1", [rows[0]!.n + 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    expect((await pool.query("SELECT n FROM counter")).rows[0].n).toBe(60);
  });

  it("rolls back a transaction whose client disconnects, and keeps serving others", async () => {
    await pool.query("CREATE TABLE t (v int)");
    const client = new pg.Client({ connectionString: embedded.url });
    client.on("error", () => {}); // the disconnect below is the point of the test
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO t VALUES (1)");
    const ended = new Promise((resolve) => client.once("end", resolve));
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await ended;
    expect((await pool.query("SELECT count(*)::int AS n FROM t")).rows[0].n).toBe(0);
  });

  it("reports SQL errors to the client and stays usable", async () => {
    await expect(pool.query("SELECT * FROM no_such_table")).rejects.toThrow(/no_such_table/);
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  // Parse, Bind, Describe, Execute and Sync reach PGlite as one buffer: an error in any of them
  // must skip the rest up to Sync (as a Postgres server does) and leave the connection usable.
  it("answers an extended-protocol exchange that fails at parse, bind or execute, then the next one", async () => {
    const client = await pool.connect();
    try {
      await expect(client.query("SELECT * FROM no_such_table WHERE id = $1", [1])).rejects.toThrow(/no_such_table/);
      await expect(client.query("SELECT $1::int AS n", ["not a number"])).rejects.toThrow(/invalid input syntax/);
      await expect(client.query("SELECT 1 / ($1::int - 1) AS n", [1])).rejects.toThrow(/division by zero/);
      expect((await client.query("SELECT $1::int + 1 AS n", [41])).rows[0].n).toBe(42);
      await client.query("BEGIN");
      await expect(client.query("SELECT 1 / ($1::int - 1) AS n", [1])).rejects.toThrow(/division by zero/);
      await expect(client.query("SELECT $1::int AS n", [1])).rejects.toThrow(/current transaction is aborted/);
      await client.query("ROLLBACK");
      expect((await client.query("SELECT $1::text AS v", ["again"])).rows[0].v).toBe("again");
    } finally {
      client.release();
    }
  });

  it("carries exchanges and answers larger than PGlite's buffers", async () => {
    await pool.query("CREATE TABLE big (id int PRIMARY KEY, v text NOT NULL)");
    const value = "x".repeat(3_000_000);
    await pool.query("INSERT INTO big VALUES ($1, $2)", [1, value]);
    const { rows } = await pool.query<{ v: string }>("SELECT v FROM big WHERE id = $1", [1]);
    expect(rows[0]?.v.length).toBe(value.length);
    expect(rows[0]?.v === value).toBe(true);
    const many = await pool.query<{ n: number }>("SELECT g AS n FROM generate_series(1, $1::int) g", [50_000]);
    expect(many.rows.length).toBe(50_000);
    expect(many.rows[49_999]?.n).toBe(50_000);
  });

  it("answers exchanges pipelined in one write in order, a failing one included", async () => {
    const raw = await rawConnection(embedded.server.port);
    try {
      // Three exchanges in one TCP write: the middle one fails at execution.
      raw.socket.write(
        Buffer.concat([
          ...extendedQuery("SELECT 'first' AS v"),
          ...extendedQuery("SELECT 1 / 0 AS v"),
          ...extendedQuery("SELECT 'third' AS v"),
        ]),
      );
      const answers = await raw.readUntil(3);
      expect(answers.map((a) => a.type).join("")).toBe("12DCZ" + "1EZ" + "12DCZ"); // 1 / 0 fails when planned, at Bind
      const rows = answers.filter((a) => a.type === "D").map((a) => a.body.subarray(6).toString());
      expect(rows).toEqual(["first", "third"]);
      expect(answers.find((a) => a.type === "E")?.body.toString()).toMatch(/division by zero/);
    } finally {
      raw.socket.destroy();
    }
  });
});

/** A Postgres protocol message: type byte, length, body. */
function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Parse, Bind, Execute and Sync of one parameterless statement (unnamed statement and portal). */
function extendedQuery(sql: string): Buffer[] {
  return [
    message("P", Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])])),
    message("B", Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])),
    message("E", Buffer.from([0, 0, 0, 0, 0])),
    message("S", Buffer.alloc(0)),
  ];
}

/** A connection speaking the protocol by hand, past start-up; readUntil(n) collects answers up to the n-th ReadyForQuery. */
async function rawConnection(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let buffer = Buffer.alloc(0);
  const answers: { type: string; body: Buffer }[] = [];
  let wake = () => {};
  socket.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
      const length = 1 + buffer.readInt32BE(1);
      answers.push({ type: String.fromCharCode(buffer[0]!), body: buffer.subarray(5, length) });
      buffer = buffer.subarray(length);
    }
    wake();
  });
  const waitFor = async (found: (answer: { type: string; body: Buffer }, i: number) => boolean) => {
    for (;;) {
      const index = answers.findIndex(found);
      if (index >= 0) return answers.splice(0, index + 1);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const readUntil = (ready: number) => {
    let seen = 0;
    return waitFor((a) => a.type === "Z" && ++seen === ready);
  };
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196608, 4);
  socket.write(Buffer.concat([startup, params]));
  // Start-up answers end with ReadyForQuery; a clear-text password request is answered first.
  const passwordRequest = (a: { type: string; body: Buffer }) => a.type === "R" && a.body.readInt32BE(0) === 3;
  const started = await waitFor((a) => a.type === "Z" || passwordRequest(a));
  if (passwordRequest(started.at(-1)!)) {
    socket.write(message("p", Buffer.from("postgres\0")));
    await waitFor((a) => a.type === "Z");
  }
  return { socket, readUntil };
}
