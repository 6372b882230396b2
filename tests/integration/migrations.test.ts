// The committed migrations are the schema: replaying them gives exactly the tables, columns,
// indexes and constraints Prisma derives from prisma/postgresql/schema.prisma, and no schema
// change is waiting for a migration.
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { readMigrations } from "@/lib/db/migrate";
import { PGLITE_EXTENSIONS } from "@/lib/embedded/postgres/extensions";
import { diffSql } from "@/scripts/db-migration-new";

const SCHEMA = "prisma/postgresql/schema.prisma";
const SNAPSHOT = "prisma/postgresql/migrations/schema-at-last-migration.prisma";
/**
 * What the migrations set on purpose that a Prisma schema cannot declare (index storage
 * parameters): expected on top of what Prisma derives, so a replay must have exactly these too.
 */
const TUNING = [
  // Message search: a bounded pending list (migration 20261130165600_search_pending_list).
  `ALTER INDEX "Message_searchText_idx" SET (gin_pending_list_limit = 256)`,
];

async function catalog(sql: string[]): Promise<string[]> {
  const db = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  try {
    for (const statement of sql) await db.exec(statement);
    const { rows } = await db.query<{ line: string }>(`
      SELECT format('column %s.%s %s null=%s default=%s', c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default) AS line
        FROM information_schema.columns c WHERE c.table_schema = 'public'
      UNION ALL
      SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL
      SELECT format('constraint %s %s', con.conname, pg_get_constraintdef(con.oid))
        FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public'
      ORDER BY 1`);
    return rows.map((row) => row.line);
  } finally {
    await db.close();
  }
}

describe("migrations", () => {
  it("replay to exactly the schema Prisma derives from schema.prisma", async () => {
    const fromSchema = await diffSql("empty", SCHEMA, process.env.DATABASE_URL);
    const replayed = await catalog(readMigrations().map((m) => m.sql));
    const expected = await catalog([fromSchema, ...TUNING]);
    expect(replayed).toEqual(expected);
  }, 120_000);

  it("have no schema change waiting for a migration (run npm run db:migration:new)", async () => {
    const pending = await diffSql(SNAPSHOT, SCHEMA, process.env.DATABASE_URL);
    expect(pending).toMatch(/^(-- This is an empty migration\.?)?$/);
  }, 120_000);
});
