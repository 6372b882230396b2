// One-time data steps, run by the launcher after the schema is up to date (scripts/parley.ts:
// `migrate`, `start`, `dev`; on PostgreSQL after the SQL migrations, on MongoDB after `db push`),
// never on a request. Each step runs until it has finished once on a database; a DataMigration row
// (its name) records that. A step must be idempotent and resumable: one cut short (a crash, a
// second instance starting at the same time) simply runs again at the next start.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import { backfillMessageLinks } from "@/lib/chat/links/backfill";

interface DataStep {
  name: string;
  run(client: PrismaClient, provider: DatabaseProvider): Promise<string>;
}

export const DATA_STEPS: readonly DataStep[] = [
  {
    // Messages sent before 20261201134940_message_links get their rows for the gallery's Links tab.
    name: "20261201134940_message_links_backfill",
    run: async (client, provider) => {
      const { messages, links } = await backfillMessageLinks(client, provider);
      return `${links} link${links === 1 ? "" : "s"} of ${messages} older message${messages === 1 ? "" : "s"}`;
    },
  },
];

/** Runs the steps not yet recorded on this database; returns the names it ran. */
export async function runDataMigrations(
  client: PrismaClient,
  provider: DatabaseProvider,
  log: (line: string) => void = () => {},
  steps: readonly DataStep[] = DATA_STEPS,
): Promise<string[]> {
  const done = new Set(
    (await client.dataMigration.findMany({ where: { name: { in: steps.map((s) => s.name) } }, select: { name: true } })).map((r) => r.name),
  );
  const ran: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    const started = Date.now();
    const summary = await step.run(client, provider);
    await client.dataMigration.create({ data: { name: step.name }, select: { id: true } }).catch((error: unknown) => {
      // Another instance finished it at the same time.
      if ((error as { code?: unknown } | null)?.code !== "P2002") throw error;
    });
    log(`data migration ${step.name}: ${summary} (${Date.now() - started} ms)`);
    ran.push(step.name);
  }
  return ran;
}
