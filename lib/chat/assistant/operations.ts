// The assistant capability's operations: my status, turning it on or off (which starts my 1:1 with
// the bot, a normal conversation), and the checks and reads a reply needs before it streams.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { conversationNotFound, isUniqueViolation, isValidId, requireMembership } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { pairKeyOf, newConversationEvent } from "@/lib/chat/conversations/operations";
import { getConversation } from "@/lib/chat/conversations/reads";
import { notDeletedWhere, notHiddenForWhere } from "@/lib/chat/message-actions/visibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assistantLimiter } from "./budget";
import { assistantBotId } from "./bot";
import { assistantConfig, requireAssistantConfig, type AssistantConfig } from "./config";
import { buildContext, type ContextMessage } from "./context";
import type { AssistantStatus } from "./dto";
import { setAssistantSchema, replyRequestSchema, type ReplyRequestInput, type SetAssistantInput } from "./schemas";

/** Whether this server has an assistant, whether I turned it on, and my chat with it. */
export async function assistantStatus(actorId: string): Promise<AssistantStatus> {
  if (!assistantConfig()) return { available: false, enabled: false, smartReplies: false, botUserId: null, conversationId: null };
  const [setting, botUserId] = await Promise.all([
    db.assistantSetting.findUnique({ where: { userId: actorId }, select: { enabled: true, smartReplies: true, conversationId: true } }),
    assistantBotId(),
  ]);
  return {
    available: true,
    enabled: setting?.enabled === true,
    smartReplies: setting?.smartReplies === true,
    botUserId,
    conversationId: setting?.conversationId ?? null,
  };
}

/**
 * My Parley AI chat to pin at the top of my conversation list: when the assistant is on and I have
 * not removed the chat from my list (hidden); null otherwise (nothing is pinned then).
 */
export async function pinnedAssistantChat(actorId: string): Promise<string | null> {
  if (!assistantConfig() || !isValidId(actorId)) return null;
  const setting = await db.assistantSetting.findUnique({ where: { userId: actorId }, select: { enabled: true, conversationId: true } });
  if (!setting?.enabled || !setting.conversationId) return null;
  const state = await db.conversationMemberState.findFirst({
    where: { conversationId: setting.conversationId, userId: actorId, hidden: false },
    select: { conversationId: true },
  });
  return state?.conversationId ?? null;
}

/** My 1:1 with the bot: found by its pair key, or created with it in one transaction (concurrent calls converge). */
async function assistantConversation(actorId: string, botId: string): Promise<{ id: string; created: boolean }> {
  const pairKey = pairKeyOf(actorId, botId);
  const existing = await db.directConversation.findUnique({ where: { pairKey }, select: { conversationId: true } });
  if (existing) return { id: existing.conversationId, created: false };
  try {
    const id = await db.$transaction(async (tx) => {
      const conversation = await tx.conversation.create({
        data: { isGroup: false, users: { connect: [{ id: actorId }, { id: botId }] } },
        select: { id: true },
      });
      await tx.conversationMemberState.createMany({
        data: [actorId, botId].map((userId) => ({ conversationId: conversation.id, userId })),
      });
      await tx.directConversation.create({ data: { pairKey, conversationId: conversation.id } });
      return conversation.id;
    });
    return { id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.directConversation.findUnique({ where: { pairKey }, select: { conversationId: true } });
    if (!winner) throw error;
    return { id: winner.conversationId, created: false };
  }
}

/**
 * Turns the assistant on or off for me. On: my chat with it exists (created the first time, and
 * un-hidden if I had hidden it). Off: the chat and its history stay; it just stops answering.
 */
export const setAssistantEnabled = command(async (actorId: string, input: SetAssistantInput | Record<string, unknown>) => {
  requireAssistantConfig();
  const { enabled } = parseInput(setAssistantSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const botId = await assistantBotId();
  if (!enabled) {
    const setting = await db.assistantSetting.upsert({
      where: { userId: actorId },
      create: { userId: actorId, enabled: false },
      update: { enabled: false },
      select: { conversationId: true, smartReplies: true },
    });
    return outcome<AssistantStatus>({
      available: true,
      enabled: false,
      smartReplies: setting.smartReplies,
      botUserId: botId,
      conversationId: setting.conversationId,
    });
  }
  const conversation = await assistantConversation(actorId, botId);
  const { count: unhidden } = await db.conversationMemberState.updateMany({
    where: { conversationId: conversation.id, userId: actorId, hidden: true },
    data: { hidden: false },
  });
  const setting = await db.assistantSetting.upsert({
    where: { userId: actorId },
    create: { userId: actorId, enabled: true, conversationId: conversation.id },
    update: { enabled: true, conversationId: conversation.id },
    select: { smartReplies: true },
  });
  const status: AssistantStatus = {
    available: true,
    enabled: true,
    smartReplies: setting.smartReplies,
    botUserId: botId,
    conversationId: conversation.id,
  };
  if (!conversation.created && unhidden === 0) return outcome(status);
  const summary = await getConversation(actorId, conversation.id);
  return outcome(status, [newConversationEvent(summary, [actorId])]);
});

/**
 * Turns smart replies on or off for me (independent of the assistant chat: no conversation is
 * created). Off: suggestion requests answer 404.
 */
export async function setSmartRepliesEnabled(
  actorId: string,
  input: SetAssistantInput | Record<string, unknown>,
): Promise<AssistantStatus> {
  requireAssistantConfig();
  const { enabled } = parseInput(setAssistantSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  await db.assistantSetting.upsert({
    where: { userId: actorId },
    create: { userId: actorId, smartReplies: enabled },
    update: { smartReplies: enabled },
    select: { id: true },
  });
  return assistantStatus(actorId);
}

const startOfUtcDay = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** Tokens my replies used today (UTC): the daily budget's count, from the stored replies. */
export async function tokensUsedToday(actorId: string, now = new Date()): Promise<number> {
  const sum = await db.assistantReply.aggregate({
    where: { userId: actorId, createdAt: { gte: startOfUtcDay(now) } },
    _sum: { inputTokens: true, outputTokens: true },
  });
  return (sum._sum.inputTokens ?? 0) + (sum._sum.outputTokens ?? 0);
}

export const BUDGET_EXCEEDED_MESSAGE = "You have used today's assistant budget. It renews at midnight UTC.";

/**
 * The per-minute rate limits (mine, and the conversation's for all its members together) and my
 * daily token budget (429), shared by every assistant call: replies, smart replies, catch-ups.
 */
export async function consumeAssistantAllowance(actorId: string, conversationId: string, config: AssistantConfig): Promise<void> {
  await assistantLimiter.consume(actorId, config.ratePerMinute);
  await assistantLimiter.consumeChat(conversationId, config.chatRatePerMinute);
  if ((await tokensUsedToday(actorId)) >= config.dailyTokenBudget) {
    const now = new Date();
    const retryAfter = Math.max(1, Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000));
    throw new AppError("rate_limited", BUDGET_EXCEEDED_MESSAGE, undefined, retryAfter);
  }
}

/** The messages of one conversation that `actorId` can see: not deleted for everyone, not deleted for them, after their history start. */
export function visibleInConversationWhere(actorId: string, conversationId: string, historyFrom: Date | null): Prisma.MessageWhereInput[] {
  const and: Prisma.MessageWhereInput[] = [{ conversationId }, notDeletedWhere(), notHiddenForWhere(actorId)];
  if (historyFrom) and.push({ createdAt: { gt: historyFrom } });
  return and;
}

/** The newest messages of one conversation that `actorId` can see: the only rows any prompt is built from. */
export function visibleContextRows(
  actorId: string,
  conversationId: string,
  historyFrom: Date | null,
  take: number,
  /** A further condition (catch up: only my unread ones). */
  only?: Prisma.MessageWhereInput,
) {
  const and = visibleInConversationWhere(actorId, conversationId, historyFrom);
  if (only) and.push(only);
  return db.message.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, senderId: true, body: true, image: true, createdAt: true, sender: { select: { name: true } } },
  });
}

export interface PreparedReply {
  config: AssistantConfig;
  botId: string;
  replyId: string;
  conversationId: string;
  context: ContextMessage[];
  /** Regenerate: the assistant's answer the new one replaces. */
  replaces: string | null;
}

/**
 * Everything before a reply streams: the assistant exists and is on for me, the conversation is my
 * chat with it (anything else is 404: it answers nowhere else), the per-minute rate limit and the
 * daily token budget, and the context (the newest messages of this conversation that I can see).
 * Records the reply as `streaming`.
 */
export async function prepareReply(actorId: string, input: ReplyRequestInput | Record<string, unknown>): Promise<PreparedReply> {
  const config = requireAssistantConfig();
  const { conversationId, regenerate } = parseInput(replyRequestSchema, input);
  if (!isValidId(actorId) || !isValidId(conversationId)) throw conversationNotFound();
  const [botId, setting] = await Promise.all([
    assistantBotId(),
    db.assistantSetting.findUnique({ where: { userId: actorId }, select: { enabled: true, conversationId: true } }),
  ]);
  const { historyFrom } = await requireMembership(actorId, conversationId);
  if (setting?.conversationId !== conversationId) {
    throw new AppError("not_found", "The assistant answers only in your Parley AI chat.");
  }
  if (!setting.enabled) throw new AppError("conflict", "The assistant is turned off. Turn it on in Settings to ask it.");
  await consumeAssistantAllowance(actorId, conversationId, config);

  // Only this conversation, only what I can see in it.
  let rows = await visibleContextRows(actorId, conversationId, historyFrom, config.maxContextMessages + (regenerate ? 1 : 0));
  let replaces: string | null = null;
  if (regenerate) {
    if (rows[0]?.senderId !== botId) {
      throw new AppError("bad_request", "There is no answer to regenerate.", { regenerate: ["the last message is not the assistant's"] });
    }
    replaces = rows[0].id;
    rows = rows.slice(1);
  } else {
    rows = rows.slice(0, config.maxContextMessages);
  }
  if (rows[0]?.senderId !== actorId) {
    throw new AppError("bad_request", "Send a message first: the assistant answers your last message.", {
      conversationId: ["has no question waiting for an answer"],
    });
  }
  const context = buildContext(rows, botId, config.maxContextChars);
  const reply = await db.assistantReply.create({
    data: { userId: actorId, conversationId, status: "streaming" },
    select: { id: true },
  });
  return { config, botId, replyId: reply.id, conversationId, context, replaces };
}
