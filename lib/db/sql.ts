// Raw SQL on the app's own `pg` pool (PostgreSQL server or embedded), for a hot read that is already
// one hand-written statement: Prisma's $queryRaw would serialise it, compile a plan for it in its
// WebAssembly query compiler and interpret that plan, about half a millisecond of CPU per call here
// (docs/BENCHMARKS.md, "Message search", round 9), on the same connections. Values and results keep
// $queryRaw's meaning: Prisma stores `timestamp(3)` columns as UTC, so dates go out and come back as UTC
// whatever the process's time zone (pg's own default reads them as local time).
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What reads raw SQL: the app's pool (sqlReader) or, in scripts and tests, any Prisma client. */
export type SqlReader = { $queryRaw<T>(query: Prisma.Sql): Promise<T> };

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const utcDate = (text: string): Date => new Date(`${text.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE && format !== "binary"
      ? utcDate
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const toParameter = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);

/** A SqlReader on the pool `pool()` gives at each call: one round trip, rows as objects (as $queryRaw returns them). */
export function poolReader(pool: () => pg.Pool): SqlReader {
  return {
    async $queryRaw<T>(query: Prisma.Sql): Promise<T> {
      const result = await pool().query({ text: query.text, values: query.values.map(toParameter), types });
      return result.rows as T;
    },
  };
}
