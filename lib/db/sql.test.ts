// The app's raw SQL reader (lib/db/sql.ts) on the real database reads and writes what Prisma's
// $queryRaw does, dates included, whatever the process's time zone.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, sqlReader } from "./client";
import type { SqlReader } from "./sql";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});
afterAll(() => db.$disconnect());

describe("sqlReader", () => {
  it.each(["UTC", "Asia/Kolkata", "America/Los_Angeles"])("answers as $queryRaw does with the process in %s", async (tz) => {
    process.env.TZ = tz;
    const at = new Date("2026-03-08T09:30:15.678Z"); // the day Los Angeles moves its clocks
    const query = Prisma.sql`SELECT ${at}::timestamp(3) AS "at",
      ${at}::timestamp(3) = '2026-03-08 09:30:15.678'::timestamp AS "storedAsUtc",
      '2026-03-08 09:30:15.678'::timestamp(3) AS "stored",
      ${"o'clock"}::text AS "text", ${41}::int + 1 AS "number", NULL::timestamp(3) AS "none"`;
    const viaPool = await sqlReader().$queryRaw<Record<string, unknown>[]>(query);
    // The tests run on PostgreSQL; the MongoDB client type has no $queryRaw.
    const viaPrisma = await (db as unknown as SqlReader).$queryRaw<Record<string, unknown>[]>(query);
    expect(viaPool).toEqual([{ at, storedAsUtc: true, stored: at, text: "o'clock", number: 42, none: null }]);
    expect(viaPool).toEqual(viaPrisma);
  });

  it("still reads after the client was disconnected and used again", async () => {
    await db.$disconnect();
    expect(await db.user.count()).toBeGreaterThanOrEqual(0); // Prisma connects again
    const rows = await sqlReader().$queryRaw<{ ok: number }[]>(Prisma.sql`SELECT 1 AS "ok"`);
    expect(rows).toEqual([{ ok: 1 }]);
  });
});
