// The Starred view (issue 13): my starred messages across my chats, newest star first, keyset on
// the star's (createdAt, id) (index StarredMessage(userId, createdAt desc, id desc)). Only messages
// I can still see are listed — decided by search's `visibleTo` (my chats as a relation filter, my
// "delete chat for me" cut-offs, not deleted for everyone, not deleted for me) — so leaving a chat or
// deleting a message hides its star. Two statements a page: my cut-offs (few), then the page.
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isValidId, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { cursorArg, olderThan } from "@/lib/chat/kernel/keyset";
import { mentionNamesFor } from "@/lib/chat/mentions/names";
import { previewSelect } from "@/lib/chat/messages/read-shape";
import { cutOffsOf, visibleTo } from "@/lib/chat/search/reads";
import type { StarredItem, StarredPage } from "./dto";
import { STAR_LIMITS } from "./limits";
import { starredPageSchema, type StarredPageInput } from "./schemas";

export async function listStarred(actorId: string, input: StarredPageInput | Record<string, unknown> = {}): Promise<StarredPage> {
  const { cursor, limit } = parseInput(starredPageSchema, input);
  const position = cursorArg(cursor);
  if (!isValidId(actorId)) return { items: [], nextCursor: null };
  const visible = visibleTo(actorId, undefined, await cutOffsOf(actorId, undefined));
  const and: Prisma.StarredMessageWhereInput[] = [{ userId: actorId }, { message: { AND: visible } }];
  if (position) and.push(olderThan(position));
  const rows = await db.starredMessage.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      createdAt: true,
      message: {
        select: {
          ...previewSelect,
          sender: { select: shownUserSelect },
          conversation: {
            select: { id: true, name: true, isGroup: true, users: { where: { id: { not: actorId } }, select: shownUserSelect, take: 1 } },
          },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  const named = await mentionNamesFor(page.map((row) => row.message.body));
  const items = page.map(({ createdAt, message }): StarredItem => {
    const { conversation } = message;
    const isGroup = conversation.isGroup === true;
    const other = conversation.users[0];
    return {
      starredAt: createdAt.toISOString(),
      message: {
        id: message.id,
        conversationId: message.conversationId,
        sender: toSafeUser(message.sender),
        snippet: named(message.body)?.slice(0, STAR_LIMITS.snippetLength) ?? null,
        hasImage: message.image !== null,
        createdAt: message.createdAt.toISOString(),
      },
      conversation: { id: conversation.id, isGroup, title: isGroup ? conversation.name : other ? toSafeUser(other).name : null },
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}
