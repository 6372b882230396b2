// Mentions in a body (browser-safe): a mention is stored as a token `<@userId>` in Message.body, so
// it renders the member's current name (components/chat/message/rich-text.tsx) and survives renames;
// MessageMention rows (written by the send, lib/chat/mentions/operations.ts) make "mentions of me"
// countable in the conversation list. Kept apart from the rich-text parser
// (lib/chat/messages/rich-text.ts) so the conversation list's first-load JavaScript carries only these.

/** A mention as stored in a body: the member's id, never their name (which may change). */
export const MENTION_TOKEN = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{24})>/g;

export const mentionToken = (userId: string): string => `<@${userId}>`;

/** The distinct user ids a body mentions, in order of first appearance. */
export function mentionedIds(body: string | null): string[] {
  if (!body) return [];
  return [...new Set([...body.matchAll(MENTION_TOKEN)].map((match) => match[1]!))];
}

/** Whether a preview (the list's last message) mentions `userId`. */
export const mentions = (body: string | null, userId: string): boolean => body?.includes(mentionToken(userId)) ?? false;

/** The body with mention tokens as "@Name" (previews, notifications, search snippets). */
export function mentionsAsText(body: string, nameOf: (userId: string) => string | null): string {
  return body.replace(MENTION_TOKEN, (_token, userId: string) => `@${nameOf(userId) ?? "unknown"}`);
}
