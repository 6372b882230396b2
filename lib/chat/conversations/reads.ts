// Reads of the conversations capability: my list (keyset-paginated) and one conversation.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { conversationNotFound, isValidId, requireMembership, shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { decodeCursor, encodeCursor } from "@/lib/chat/kernel/cursor";
import { parseInput } from "@/lib/chat/kernel/input";
import { previewSelect, toPreview } from "@/lib/chat/messages/read-shape";
import { unreadWhere } from "@/lib/chat/receipts/reads";
import { notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import { pinsSelect, toPins } from "@/lib/chat/pins/reads";
import { CHAT_PINS_MAX } from "@/lib/chat/chat-list/limits";
import { folderWhere, listStateSelect, toListState } from "@/lib/chat/chat-list/reads";
import { memberStatus } from "@/lib/chat/status/dto";
import { statusSelect } from "@/lib/chat/status/reads";
import { toGroupSettings } from "@/lib/chat/group-admin/dto";
import { groupIconUrl } from "@/lib/chat/group-admin/reads";
import { audienceSelect, sees } from "@/lib/chat/privacy/rules";
import { toRole, type ConversationPage, type ConversationSummary, type Member } from "./dto";
import { conversationPageSchema, type ConversationPageInput } from "./schemas";

/**
 * A conversation row with everything its summary needs, through the Conversation relations: the
 * members (with their last activity), every member's state (role, my "delete for me" bound, my
 * unread mark), the newest message and my unread count. With relation joins (PostgreSQL) this is
 * one statement in which each part is correlated per row of the page, so only the page's
 * conversations are read (docs/BENCHMARKS.md).
 */
const summarySelect = (actorId: string) =>
  ({
    id: true,
    name: true,
    isGroup: true,
    createdAt: true,
    lastMessageAt: true,
    // Group admin (issue 15): the description and settings the header, composer and info panel read.
    description: true,
    iconKey: true,
    adminsOnlyInfo: true,
    adminsOnlySend: true,
    membersCanAdd: true,
    users: {
      select: {
        ...shownUserSelect,
        activity: { select: { lastActiveAt: true, ...statusSelect } },
        // Blocking (lib/chat/blocks): I blocked this member; this member blocked me.
        blocksReceived: { where: { blockerId: actorId }, select: { id: true } },
        blocksMade: { where: { blockedId: actorId }, select: { id: true } },
        // Privacy (lib/chat/privacy): who this member shows their photo and last activity to.
        ...audienceSelect(actorId),
      },
      orderBy: { id: "asc" },
    },
    memberStates: { select: { userId: true, role: true, historyFrom: true, markedUnread: true, messageRequest: true, ...listStateSelect } },
    // The newest message I did not delete for me (deleted for everyone shows as such).
    messages: { where: notHiddenForWhere(actorId), select: previewSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
    // Its pins (the pin bar): loaded with the chat, no request of their own.
    pins: pinsSelect(actorId),
    // `@ai` turned on by its members (issue 19).
    assistantChat: { select: { enabled: true } },
    _count: {
      select: { messages: { where: unreadWhere(actorId) }, mentions: { where: { userId: actorId, message: unreadWhere(actorId) } } },
    },
  }) as const satisfies Prisma.ConversationSelect;

type SummaryRow = Prisma.ConversationGetPayload<{ select: ReturnType<typeof summarySelect> }>;

function toSummary(actorId: string, row: SummaryRow): ConversationSummary {
  const stateOf = new Map(row.memberStates.map((state) => [state.userId, state]));
  const mine = stateOf.get(actorId);
  const last = row.messages[0];
  const visibleLast = last && (!mine?.historyFrom || last.createdAt > mine.historyFrom) ? toPreview(last) : null;
  // Someone who blocked me shows me neither their photo nor their last activity; nor does someone
  // whose privacy settings leave me out (issue 15, lib/chat/privacy/rules.ts).
  const members: Member[] = row.users.map((user) => {
    const { activity } = user;
    const hidden = user.blocksMade.length > 0;
    const safe = toSafeUser(user);
    return {
      ...safe,
      // This read is for me alone: a contacts-only photo shows when I am their contact.
      image: hidden || user.deletedAt || !sees(actorId, user, "photo") ? null : user.image,
      role: toRole(stateOf.get(user.id)?.role),
      lastActiveAt: hidden || !sees(actorId, user, "lastSeen") ? null : (activity?.lastActiveAt.toISOString() ?? null),
      // Away / busy: the same audience as my last seen (lib/chat/privacy).
      ...memberStatus(hidden || !sees(actorId, user, "lastSeen") ? null : activity),
    };
  });
  const isGroup = row.isGroup === true;
  return {
    id: row.id,
    name: row.name,
    isGroup,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    members,
    myRole: toRole(mine?.role),
    lastMessage: visibleLast,
    unreadCount: row._count.messages,
    mentionCount: row._count.mentions,
    markedUnread: mine?.markedUnread ?? false,
    pins: toPins(row.pins, mine?.historyFrom ?? null),
    assistantInChat: row.assistantChat?.enabled === true,
    ...(isGroup
      ? { description: row.description ?? null, settings: toGroupSettings(row), icon: groupIconUrl(row.iconKey) }
      : {
          blockedByMe: row.users.some((user) => user.id !== actorId && user.blocksReceived.length > 0),
          // Started by someone not in my contacts, not answered yet (lib/chat/message-requests).
          ...(mine?.messageRequest === "pending" ? { messageRequest: true } : {}),
          // Read receipts off on either side (lib/chat/receipts/privacy.ts): no "Seen" either way.
          ...(row.users.some((user) => user.privacy?.readReceipts === false) ? { readsHidden: true } : {}),
        }),
    ...toListState(mine),
  };
}

/**
 * My conversations, keyset-paginated on (lastMessageAt desc, id desc). The inbox's first page starts
 * with my pinned chats (newest pin first, lib/chat/chat-list) and says how many chats my Archived
 * folder holds; its keyset pages leave pinned and archived chats out, so the cursor stays a plain
 * (lastMessageAt, id) position. `folder: "archived"` pages my Archived folder the same way.
 */
export async function listConversations(
  actorId: string,
  input: ConversationPageInput | Record<string, unknown> = {},
): Promise<ConversationPage> {
  const { cursor, limit, folder } = parseInput(conversationPageSchema, input);
  if (!isValidId(actorId)) return { conversations: [], nextCursor: null };
  const position = cursor ? decodeCursor(cursor) : null;
  if (position && !isValidId(position.id)) throw new AppError("bad_request", "cursor is not a valid cursor");

  // Mine, and in this folder (never one I hid: "delete for me" of a 1:1, until its next message).
  const and: Prisma.ConversationWhereInput[] = [{ users: { some: { id: actorId } } }, folderWhere(actorId, folder)];
  if (position) {
    and.push({ OR: [{ lastMessageAt: { lt: position.at } }, { lastMessageAt: position.at, id: { lt: position.id } }] });
  }
  const head = folder === "inbox" && !position;
  const [rows, me] = await Promise.all([
    db.conversation.findMany({
      where: { AND: and },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: summarySelect(actorId),
    }),
    // The first page's head, one statement: my pinned chats through my member states (index
    // (userId, pinSlot)) and the count of my archived ones (index (userId, archivedAt)).
    head
      ? db.user.findUnique({
          where: { id: actorId },
          select: {
            _count: { select: { memberStates: { where: { hidden: false, archivedAt: { not: null } } } } },
            memberStates: {
              where: { hidden: false, pinSlot: { not: null }, conversation: { users: { some: { id: actorId } } } },
              orderBy: [{ pinnedAt: "desc" }, { id: "desc" }],
              take: CHAT_PINS_MAX,
              select: { conversation: { select: summarySelect(actorId) } },
            },
          },
        })
      : null,
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const pinned = me?.memberStates.map((state) => state.conversation) ?? [];
  return {
    conversations: [...pinned, ...page].map((row) => toSummary(actorId, row)),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null,
    ...(head ? { archivedCount: me?._count.memberStates ?? 0 } : {}),
  };
}

/** One conversation of mine (404 for non-members). */
export async function getConversation(actorId: string, conversationId: string): Promise<ConversationSummary> {
  await requireMembership(actorId, conversationId);
  const row = await db.conversation.findFirst({
    where: { id: conversationId, users: { some: { id: actorId } } },
    select: summarySelect(actorId),
  });
  if (!row) throw conversationNotFound();
  return toSummary(actorId, row);
}
