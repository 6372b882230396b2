// The relation-size cache (./file-sizes.ts) on a real PGlite persisted in a folder: Postgres keeps
// seeing every block it writes (tables grow, shrink, are rewritten and dropped between reads), and
// a repeated read-only statement asks the cache instead of the file system.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheFileSizes, type FileSizeCache } from "./file-sizes";

let dir: string;
let db: PGlite;
let cache: FileSizeCache;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-file-sizes-"));
  db = await PGlite.create({ dataDir: path.join(dir, "data") });
  cache = cacheFileSizes(db.Module.FS);
}, 60_000);
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe("relation sizes cached in PGlite's Node file system", () => {
  it("sees every block a table gains, loses or is rewritten into, between cached reads", async () => {
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, pad text NOT NULL)");
    let expected = 0;
    for (let round = 0; round < 5; round += 1) {
      // ~2,000 rows of 200 bytes: tens of new blocks a round, read back by a sequential scan (its size by SEEK_END).
      await db.query(`INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series($1::int, $2::int) g`, [expected, expected + 1999]);
      expected += 2000;
      expect(await count("t")).toBe(expected);
      expect(await count("t")).toBe(expected);
    }
    await db.exec("DELETE FROM t WHERE id % 2 = 0");
    await db.exec("VACUUM FULL t"); // a new file, the old one unlinked
    expect(await count("t")).toBe(expected / 2);
    await db.exec("TRUNCATE t");
    expect(await count("t")).toBe(0);
    await db.query(`INSERT INTO t SELECT g, 'y' FROM generate_series(1, 500) g`);
    expect(await count("t")).toBe(500);
    await db.exec("DROP TABLE t");
    await db.exec("CREATE TABLE t (id int)");
    expect(await count("t")).toBe(0);
  });

  it("answers a repeated read-only statement's size questions from the cache", async () => {
    await db.exec("CREATE TABLE r (id int PRIMARY KEY, v text); CREATE INDEX r_v ON r (v)");
    await db.query(`INSERT INTO r SELECT g, 'v' || g FROM generate_series(1, 20000) g`);
    await db.exec("CHECKPOINT");
    const query = () => db.query("SELECT count(*) FROM r WHERE v > 'v5' OR id < 100");
    await query();
    const before = cache.stats();
    for (let i = 0; i < 20; i += 1) await query();
    const after = cache.stats();
    expect(after.hits - before.hits).toBeGreaterThan(20);
    expect(after.misses - before.misses).toBeLessThan(after.hits - before.hits);
  });
});
