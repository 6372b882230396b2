// History pages of a conversation: keyset-paginated both ways over (createdAt, id).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireMembership } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, newerThan, olderThan } from "@/lib/chat/kernel/keyset";
import type { MessagePage } from "./dto";
import { messageSelect, toMessageDto } from "./read-shape";
import { messagePageSchema, type MessagePageInput } from "./schemas";

/**
 * A page of a conversation's messages, newest first, ordered by (createdAt desc, id desc).
 * - no cursor: the newest `limit` messages;
 * - `before`: the `limit` messages just older than the cursor;
 * - `after`: the `limit` messages just newer than the cursor (oldest of them first in the
 *   database, returned newest first like every page); call again with `newerCursor` while hasNewer.
 */
export async function listMessages(
  actorId: string,
  conversationId: string,
  input: MessagePageInput | Record<string, unknown> = {},
): Promise<MessagePage> {
  const { before, after, limit } = parseInput(messagePageSchema, input);
  const beforePos = cursorArg(before);
  const afterPos = cursorArg(after);
  const { historyFrom } = await requireMembership(actorId, conversationId);

  const and: Prisma.MessageWhereInput[] = [{ conversationId }];
  if (historyFrom) and.push({ createdAt: { gt: historyFrom } });
  if (beforePos) and.push(olderThan(beforePos));
  if (afterPos) and.push(newerThan(afterPos));
  const direction = afterPos ? "asc" : "desc";
  const rows = await db.message.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: limit + 1,
    select: messageSelect,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (afterPos) page.reverse();
  const messages = page.map(toMessageDto);
  const newest = page[0];
  const oldest = page.at(-1);
  const hasOlder = afterPos ? true : more;
  const hasNewer = afterPos ? more : beforePos !== null;
  return {
    messages,
    hasOlder,
    hasNewer,
    olderCursor: hasOlder ? (oldest ? encodeCursor({ at: oldest.createdAt, id: oldest.id }) : (after ?? null)) : null,
    newerCursor: newest ? encodeCursor({ at: newest.createdAt, id: newest.id }) : (after ?? before ?? null),
  };
}
