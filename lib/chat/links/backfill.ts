// The Links tab for messages sent before links were recorded (migration 20261201134940_message_links):
// their MessageLink rows, made from their text by the same parser as the send and the edit
// (linkRows), never by a SQL pattern. Keyset over Message ids in batches; only messages that are not
// deleted, whose text contains "http" and that have no link rows yet, so a second run (or a run cut
// short and started again) adds nothing twice. Runs once per database at start-up
// (lib/db/data-migrations.ts), never on a request. Works on both providers through Prisma: no
// `skipDuplicates` (MongoDB has none); a message whose links were written meanwhile (an edit, a
// second instance backfilling at the same time) is skipped on its unique (messageId, position).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import { linkRows } from "./extract";

export const BACKFILL_BATCH = 500;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/** Adds the link rows of old messages that have none; returns how many messages and links were added. */
export async function backfillMessageLinks(
  client: PrismaClient,
  provider: DatabaseProvider,
  { batchSize = BACKFILL_BATCH }: { batchSize?: number } = {},
): Promise<{ messages: number; links: number }> {
  let after: string | null = null;
  let messages = 0;
  let links = 0;
  for (;;) {
    const batch: { id: string; conversationId: string; createdAt: Date; body: string | null }[] = await client.message.findMany({
      where: {
        ...(after ? { id: { gt: after } } : {}),
        deletedAt: null,
        body: { contains: "http" },
        links: { none: {} },
      },
      select: { id: true, conversationId: true, createdAt: true, body: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const perMessage = batch
      .map((message) => linkRows(provider, message.id, message.conversationId, message.createdAt, message.body))
      .filter((rows) => rows.length > 0);
    const rows = perMessage.flat();
    if (rows.length > 0) {
      try {
        await client.messageLink.createMany({ data: rows });
        messages += perMessage.length;
        links += rows.length;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Someone wrote links of one of these messages meanwhile: one message at a time, skipping those.
        for (const one of perMessage) {
          try {
            await client.messageLink.createMany({ data: one });
            messages += 1;
            links += one.length;
          } catch (inner) {
            if (!isUniqueViolation(inner)) throw inner;
          }
        }
      }
    }
    if (batch.length < batchSize) break;
  }
  return { messages, links };
}
