// Mentions in a body (browser-safe): a mention is stored as a token `<@userId>` in Message.body, so
// it renders the member's current name (components/chat/message/rich-text.tsx) and survives renames;
// MessageMention rows (written by the send, lib/chat/mentions/operations.ts) make "mentions of me"
// countable in the conversation list.
import { MENTION_TOKEN } from "@/lib/chat/messages/rich-text";

export const mentionToken = (userId: string): string => `<@${userId}>`;

/** The distinct user ids a body mentions, in order of first appearance. */
export function mentionedIds(body: string | null): string[] {
  if (!body) return [];
  return [...new Set([...body.matchAll(MENTION_TOKEN)].map((match) => match[1]!))];
}

/** Whether a preview (the list's last message) mentions `userId`. */
export const mentions = (body: string | null, userId: string): boolean => body?.includes(mentionToken(userId)) ?? false;
