// The trigram GIN index's pending list (docs/BENCHMARKS.md, "Message search", round 3), on PGlite in
// this process: `npx tsx scripts/measure-search-pending-list.ts`. For each gin_pending_list_limit
// (PostgreSQL's default 4 MB, 64 kB, 256 kB; twice each, interleaved): 100,000 rows shaped like the
// bench's messages, the pending list merged, then 5,000 single-row inserts as sends make them
// (their cost), then 200 one-word searches with whatever is left pending (their cost).
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "@/lib/embedded/postgres/extensions";
for (const limit of [null, 64, 256, null, 64, 256]) {
  const db = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  await db.exec(
    `CREATE EXTENSION pg_trgm; CREATE TABLE m (id serial primary key, t text); CREATE INDEX m_t ON m USING gin (t gin_trgm_ops) ${limit ? `WITH (gin_pending_list_limit = ${limit})` : ""};`,
  );
  await db.exec(
    `INSERT INTO m (t) SELECT 'message ' || n || ' is about w' || substr(md5(((n / 7) % 1000)::text), 1, 6) || ' and other things, written at length' FROM generate_series(1, 100000) n`,
  );
  await db.exec("SELECT gin_clean_pending_list('m_t')");
  const n = 5000;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await db.query("INSERT INTO m (t) VALUES ($1)", [
      `message ${i} hello w${(i * 7919).toString(16).slice(0, 6)} and other things, written at length`,
    ]);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q: number[] = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    await db.query("SELECT id FROM m WHERE t LIKE '%w8f14e4%' ORDER BY id DESC LIMIT 21");
    q.push(performance.now() - s);
  }
  q.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / n;
  console.log(
    `limit ${limit ?? "default(4MB)"}: insert mean ${mean.toFixed(3)} ms p50 ${times[n / 2]!.toFixed(3)} p99 ${times[Math.floor(n * 0.99)]!.toFixed(3)} max ${times[n - 1]!.toFixed(1)}; search p50 ${q[100]!.toFixed(2)} p95 ${q[190]!.toFixed(2)} ms`,
  );
  await db.close();
}
