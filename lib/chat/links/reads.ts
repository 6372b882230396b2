// The Links tab of a conversation's gallery (issue 14): the web links sent in it, newest first,
// keyset-paginated over (sentAt, id) on the (conversationId, sentAt desc, id desc) index, for
// members only and within what they can see (the "delete for me" cut-off, deleted messages).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { requireMembership, conversationNotFound, isValidId } from "@/lib/chat/kernel/access";
import { cursorSchema, pageLimitSchema, parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, keysetPage, sentBefore } from "@/lib/chat/kernel/keyset";
import { ofVisibleMessageWhere } from "@/lib/chat/message-actions/visibility";

export const linksInputSchema = z.object({
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema(60, 30),
});

export interface LinkItem {
  id: string;
  url: string;
  /** The host without "www.", the item's title. */
  host: string;
  messageId: string;
  senderId: string;
  sentAt: string;
}

export async function listLinks(
  actorId: string,
  conversationId: string,
  input: Record<string, unknown>,
): Promise<{ items: LinkItem[]; nextCursor: string | null }> {
  const { cursor, limit } = parseInput(linksInputSchema, input);
  if (!isValidId(conversationId)) throw conversationNotFound();
  const { historyFrom } = await requireMembership(actorId, conversationId);
  const rows = await db.messageLink.findMany({
    where: {
      AND: [
        { conversationId, ...(historyFrom ? { sentAt: { gt: historyFrom } } : {}) },
        ofVisibleMessageWhere(actorId),
        sentBefore(cursorArg(cursor)),
      ],
    },
    select: { id: true, url: true, messageId: true, sentAt: true, message: { select: { senderId: true } } },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const { page, nextCursor } = keysetPage(rows, limit, (row) => ({ at: row.sentAt, id: row.id }));
  return {
    items: page.map((row) => ({
      id: row.id,
      url: row.url,
      host: new URL(row.url).hostname.replace(/^www\./, ""),
      messageId: row.messageId,
      senderId: row.message.senderId,
      sentAt: row.sentAt.toISOString(),
    })),
    nextCursor,
  };
}
