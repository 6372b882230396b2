// `@ai` in a 1:1 or a group (issue 19): its members turn the assistant on or off for that chat
// (AssistantChat). Any member of a 1:1 may change it, only the admins of a group (as for pins); turning
// it on also needs the assistant turned on in my own settings, turning it off never does. The bot is
// not made a member: it posts its answers through the send's assistant path, which checks that the
// chat has it on (lib/chat/messages/send.ts).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { conversationNotFound, isValidId, requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { conversationChannel } from "@/lib/realtime/channels";
import { assistantBotId } from "./bot";
import { requireAssistantConfig } from "./config";
import { ASSISTANT_EVENTS } from "./events";
import { setAssistantSchema, type SetAssistantInput } from "./schemas";

export const IN_CHAT_ADMINS_ONLY_MESSAGE = "Only the group's admins can turn Parley AI on or off in this group.";
export const IN_CHAT_TURN_ON_FIRST_MESSAGE = "Turn the assistant on in Settings first.";

/** Whether the members of `conversationId` let the assistant answer `@ai` in it. */
export async function assistantInChatEnabled(conversationId: string): Promise<boolean> {
  if (!isValidId(conversationId)) return false;
  const row = await db.assistantChat.findUnique({ where: { conversationId }, select: { enabled: true } });
  return row?.enabled === true;
}

/**
 * Turns `@ai` on or off in a conversation of mine and tells every member (assistant:chat). 404
 * without a provider or for a non-member; 403 for a group's plain member; 409 when I turn it on with
 * the assistant off in my settings, or in my chat with the assistant itself (it answers everything there).
 */
export const setAssistantInChat = command(
  async (actorId: string, conversationId: string, input: SetAssistantInput | Record<string, unknown>) => {
    requireAssistantConfig();
    const { enabled } = parseInput(setAssistantSchema, input);
    if (!isValidId(actorId) || !isValidId(conversationId)) throw conversationNotFound();
    const membership = await requireMembership(actorId, conversationId);
    if (membership.conversation.isGroup && membership.role !== "admin") throw new AppError("forbidden", IN_CHAT_ADMINS_ONLY_MESSAGE);
    if (enabled) {
      const [setting, botId] = await Promise.all([
        db.assistantSetting.findUnique({ where: { userId: actorId }, select: { enabled: true } }),
        assistantBotId(),
      ]);
      if (!setting?.enabled) throw new AppError("conflict", IN_CHAT_TURN_ON_FIRST_MESSAGE);
      const withBot = await db.conversation.count({ where: { id: conversationId, users: { some: { id: botId } } } });
      if (withBot > 0) throw new AppError("conflict", "The assistant already answers every message in this chat.");
    }
    const before = await db.assistantChat.findUnique({ where: { conversationId }, select: { enabled: true } });
    if ((before?.enabled === true) === enabled) return outcome({ enabled });
    await db.assistantChat.upsert({
      where: { conversationId },
      create: { conversationId, enabled },
      update: { enabled },
      select: { id: true },
    });
    return outcome({ enabled }, [
      { channels: conversationChannel(conversationId), event: ASSISTANT_EVENTS.assistantChat, payload: { conversationId, enabled } },
    ]);
  },
);
