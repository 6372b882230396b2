// History pages of a conversation: keyset-paginated both ways over (createdAt, id).
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, requireMembership } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, newerThan, olderThan, upTo } from "@/lib/chat/kernel/keyset";
import { AppError } from "@/lib/errors";
import { notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { starredSelect, toStarredField } from "@/lib/chat/stars/read-shape";
import type { MessagePage } from "./dto";
import { messageSelect, toMessageDto, type MessageRow } from "./read-shape";
import { messagePageSchema, type MessagePageInput } from "./schemas";
import { applyReadPrivacy } from "@/lib/chat/receipts/privacy";

/** The one read shape plus whether the reader starred each message (same statement). */
const pageSelect = (actorId: string) => ({ ...messageSelect, ...starredSelect(actorId) });
const toPageDto = (row: MessageRow & { stars: { id: string }[] }) => ({ ...toMessageDto(row), ...toStarredField(row) });

/**
 * A page of a conversation's messages, newest first, ordered by (createdAt desc, id desc).
 * - no cursor: the newest `limit` messages;
 * - `before`: the `limit` messages just older than the cursor;
 * - `after`: the `limit` messages just newer than the cursor (oldest of them first in the
 *   database, returned newest first like every page); call again with `newerCursor` while hasNewer;
 * - `around`: a message id (a search hit): it, up to `limit` older and `limit` newer messages, with
 *   both cursors, so the view scrolls on both ways.
 */
export async function listMessages(
  actorId: string,
  conversationId: string,
  input: MessagePageInput | Record<string, unknown> = {},
): Promise<MessagePage> {
  const { before, after, around, limit } = parseInput(messagePageSchema, input);
  const beforePos = cursorArg(before);
  const afterPos = cursorArg(after);
  const { historyFrom } = await requireMembership(actorId, conversationId);
  if (around) return pageAround(actorId, conversationId, historyFrom, around, limit);

  // Deleted for me: left out; deleted for everyone: kept, as a tombstone in its place.
  const and: Prisma.MessageWhereInput[] = [{ conversationId }, notHiddenForWhere(actorId)];
  if (historyFrom) and.push({ createdAt: { gt: historyFrom } });
  if (beforePos) and.push(olderThan(beforePos));
  if (afterPos) and.push(newerThan(afterPos));
  const direction = afterPos ? "asc" : "desc";
  const rows = await db.message.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: limit + 1,
    select: pageSelect(actorId),
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (afterPos) page.reverse();
  // Read receipts off in a 1:1 (lib/chat/receipts/privacy.ts): the others' reads are left out.
  const messages = await applyReadPrivacy(actorId, conversationId, page.map(toPageDto));
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

/** The page around one visible message of the conversation (a search jump); 404 if it is not one. */
async function pageAround(
  actorId: string,
  conversationId: string,
  historyFrom: Date | null,
  messageId: string,
  limit: number,
): Promise<MessagePage> {
  const visible: Prisma.MessageWhereInput[] = [{ conversationId }, notHiddenForWhere(actorId)];
  if (historyFrom) visible.push({ createdAt: { gt: historyFrom } });
  if (!isValidId(messageId)) throw new AppError("not_found", "Message not found.");
  const target = await db.message.findFirst({ where: { AND: [...visible, { id: messageId }] }, select: { id: true, createdAt: true } });
  if (!target) throw new AppError("not_found", "Message not found.");
  const position = { at: target.createdAt, id: target.id };
  const [older, newer] = await Promise.all([
    db.message.findMany({
      where: { AND: [...visible, upTo(position)] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 2, // the message itself, `limit` older ones, and one to know there are more
      select: pageSelect(actorId),
    }),
    db.message.findMany({
      where: { AND: [...visible, newerThan(position)] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: pageSelect(actorId),
    }),
  ]);
  const hasOlder = older.length > limit + 1;
  const hasNewer = newer.length > limit;
  const page = [...newer.slice(0, limit).reverse(), ...older.slice(0, limit + 1)];
  const newest = page[0]!;
  const oldest = page.at(-1)!;
  return {
    messages: await applyReadPrivacy(actorId, conversationId, page.map(toPageDto)),
    hasOlder,
    hasNewer,
    olderCursor: hasOlder ? encodeCursor({ at: oldest.createdAt, id: oldest.id }) : null,
    newerCursor: encodeCursor({ at: newest.createdAt, id: newest.id }),
  };
}
