// Channel names of Parley (pure, shared by server and browser). Only private and presence channels:
//   private-conversation-<conversationId>   server events of one conversation (members only)
//   presence-conversation-<conversationId>  who of its members is online + typing (client events)
//   private-user-<userId>                   server events for one user (that user only)
// Presence is per conversation, so "online" is only ever visible to people who share a
// conversation, and a member list never leaks to outsiders (see ARCHITECTURE notes in the report).
import { isRecordId } from "@/lib/chat/kernel/ids";

export const conversationChannel = (conversationId: string): string => `private-conversation-${conversationId}`;
export const conversationPresenceChannel = (conversationId: string): string => `presence-conversation-${conversationId}`;
export const userChannel = (userId: string): string => `private-user-${userId}`;

export type ParsedChannel =
  | { kind: "conversation"; conversationId: string }
  | { kind: "conversation-presence"; conversationId: string }
  | { kind: "user"; userId: string };

const PATTERNS: [RegExp, (id: string) => ParsedChannel][] = [
  [/^private-conversation-(.+)$/, (id) => ({ kind: "conversation", conversationId: id })],
  [/^presence-conversation-(.+)$/, (id) => ({ kind: "conversation-presence", conversationId: id })],
  [/^private-user-(.+)$/, (id) => ({ kind: "user", userId: id })],
];

/** What a channel name refers to, or null for any name Parley does not use. */
export function parseChannel(name: string): ParsedChannel | null {
  for (const [pattern, build] of PATTERNS) {
    const id = pattern.exec(name)?.[1];
    if (id !== undefined) return isRecordId(id) ? build(id) : null;
  }
  return null;
}
