// Reads of my chat list state (issue 15): what the conversation list composes (which chats a folder
// holds, my pinned chats), my Archived folder's count, and the list-state event. Server-only.
import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/chat/kernel/access";
import type { DomainEvent } from "@/lib/chat/kernel/events";
import { userChannel } from "@/lib/realtime/channels";
import type { ListState } from "./dto";
import { CHAT_LIST_EVENTS } from "./events";

/** A member state's list fields (the operations' result, the summary's). */
export const listStateSelect = {
  pinnedAt: true,
  mutedUntil: true,
  archivedAt: true,
} as const satisfies Prisma.ConversationMemberStateSelect;

type ListStateRow = { pinnedAt: Date | null; mutedUntil: Date | null; archivedAt: Date | null };

export function toListState(row: ListStateRow | null | undefined): ListState {
  return {
    pinnedAt: row?.pinnedAt?.toISOString() ?? null,
    mutedUntil: row?.mutedUntil?.toISOString() ?? null,
    archivedAt: row?.archivedAt?.toISOString() ?? null,
  };
}

/** The list's folders: my chats (pinned ones first), or my Archived folder. */
export type ListFolder = "inbox" | "archived";

/**
 * The chats a page of a folder holds, beyond membership: never one I hid; the inbox's keyset pages
 * hold neither my pinned chats (the first page lists them before the rest) nor my archived ones; the
 * Archived folder only my archived ones. One relation filter on my member state, as hidden was.
 */
export function folderWhere(actorId: string, folder: ListFolder): Prisma.ConversationWhereInput {
  if (folder === "archived") return { memberStates: { some: { userId: actorId, hidden: false, archivedAt: { not: null } } } };
  return {
    memberStates: { none: { userId: actorId, OR: [{ hidden: true }, { pinSlot: { not: null } }, { archivedAt: { not: null } }] } },
  };
}

/** How many chats my Archived folder holds (index (userId, archivedAt)). */
export function archivedCount(userId: string, client: Db = db): Promise<number> {
  return client.conversationMemberState.count({ where: { userId, archivedAt: { not: null }, hidden: false } });
}

/** conversation:list-state to my own channel only, with my Archived folder's count now. */
export async function listStateEvent(userId: string, conversationId: string, state: ListState): Promise<DomainEvent> {
  return {
    channels: userChannel(userId),
    event: CHAT_LIST_EVENTS.listState,
    payload: { id: conversationId, ...state, archivedCount: await archivedCount(userId) },
  };
}
