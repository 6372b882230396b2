// The embedded wire server must behave like one Postgres server to many clients: concurrent
// extended-protocol queries never see each other's statements, and transactions are isolated.
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
});
