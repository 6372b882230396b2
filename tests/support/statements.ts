// Counting the SQL statements a call sends: every query of the pg driver the Prisma adapter uses
// (tests that hold a read path to a fixed number of statements, no N+1).
import pg from "pg";

/** SQL statements a call sends. */
export async function countStatements(call: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let count = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    await call();
  } finally {
    proto.query = original;
  }
  return count;
}
