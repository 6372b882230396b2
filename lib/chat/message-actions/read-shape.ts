// What the message actions add to the one read shape of a message (lib/chat/messages/read-shape.ts
// spreads both into messageSelect / toMessageDto): the quoted message of a reply, edited and
// deleted state, the forwarded mark and the reactions — all in the same single statement per page
// (relation joins), so a history page stays a fixed number of queries.
import type { Prisma } from "@/lib/generated/prisma/client";
import { shownUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { REPLY_SNIPPET_LENGTH, type MessageDto, type ReactionSummary, type ReplySnippet } from "@/lib/chat/messages/dto";

/** Reactions read per message: far more than any summary shows (the emoji list is per emoji). */
export const REACTIONS_READ_MAX = 500;

export const messageActionSelect = {
  editedAt: true,
  deletedAt: true,
  forwarded: true,
  replyTo: { select: { id: true, body: true, image: true, deletedAt: true, sender: { select: shownUserSelect } } },
  reactions: { select: { emoji: true, userId: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: REACTIONS_READ_MAX },
} as const satisfies Prisma.MessageSelect;

export type MessageActionRow = Prisma.MessageGetPayload<{ select: typeof messageActionSelect }>;

type ActionFields = Pick<MessageDto, "replyTo" | "editedAt" | "deleted" | "forwarded" | "reactions"> & {
  body?: null;
  image?: null;
};

/** The DTO fields of the message actions. A message deleted for everyone shows no content, whatever the row holds. */
export function toMessageActionFields(row: Partial<MessageActionRow>): ActionFields {
  const fields: ActionFields = {};
  if (row.replyTo) fields.replyTo = toReplySnippet(row.replyTo);
  if (row.editedAt) fields.editedAt = row.editedAt.toISOString();
  if (row.forwarded) fields.forwarded = true;
  if (row.deletedAt) return { ...fields, deleted: true, body: null, image: null, editedAt: null, forwarded: undefined };
  if (row.reactions && row.reactions.length > 0) fields.reactions = summarize(row.reactions);
  return fields;
}

export function toReplySnippet(row: NonNullable<MessageActionRow["replyTo"]>): ReplySnippet {
  const deleted = row.deletedAt !== null;
  const body = deleted ? null : row.body;
  return {
    id: row.id,
    sender: toSafeUser(row.sender),
    snippet: body === null ? null : body.length <= REPLY_SNIPPET_LENGTH ? body : `${body.slice(0, REPLY_SNIPPET_LENGTH - 1)}…`,
    hasImage: !deleted && row.image !== null,
    deleted,
  };
}

/** One entry per emoji, in the order each emoji was first used; users in the order they reacted. */
export function summarize(reactions: { emoji: string; userId: string }[]): ReactionSummary[] {
  const byEmoji = new Map<string, string[]>();
  for (const { emoji, userId } of reactions) {
    const users = byEmoji.get(emoji);
    if (users) users.push(userId);
    else byEmoji.set(emoji, [userId]);
  }
  return Array.from(byEmoji, ([emoji, userIds]) => ({ emoji, userIds }));
}
