// "Mark as unread": a member flags a conversation so the list shows an unread dot until they open
// it again (opening it clears the flag: the client calls this with unread: false). Only the
// member's own state changes; nobody else sees it. Stored on the member's ConversationMemberState.
import "server-only";
import { db } from "@/lib/db/client";
import { requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { userChannel } from "@/lib/realtime/channels";
import { UNREAD_MARK_EVENTS } from "./events";
import { setUnreadMarkSchema, type SetUnreadMarkInput } from "./schemas";

export const setUnreadMark = command(
  async (actorId: string, conversationId: string, input: SetUnreadMarkInput | Record<string, unknown>) => {
    const { unread } = parseInput(setUnreadMarkSchema, input);
    await requireMembership(actorId, conversationId);
    await db.conversationMemberState.upsert({
      where: { conversationId_userId: { conversationId, userId: actorId } },
      create: { conversationId, userId: actorId, markedUnread: unread },
      update: { markedUnread: unread },
      select: { id: true },
    });
    return outcome({ markedUnread: unread }, [
      { channels: userChannel(actorId), event: UNREAD_MARK_EVENTS.unreadMark, payload: { id: conversationId, markedUnread: unread } },
    ]);
  },
);
