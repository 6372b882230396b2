// The message actions (issue 13, part A): edit my text, delete for me, delete for everyone, react,
// forward. Every operation takes the acting user, finds the message and goes through the one
// membership gate of its conversation (a message of a conversation I am not in, or one I cannot see
// — before my historyFrom, deleted for me — is a 404, exactly like a missing one), parses its own
// input and returns the small events its writes imply, published after the commit.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/env";
import { isUniqueViolation, isValidId, requireMembership, type Membership } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { entriesOf, newNotificationEvents, notifiable, removedNotificationEvents } from "@/lib/chat/notification-center/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { parseInput } from "@/lib/chat/kernel/input";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import type { MessageDto, MessagePreview } from "@/lib/chat/messages/dto";
import { previewSelect, toPreview } from "@/lib/chat/messages/read-shape";
import { sendMessage } from "@/lib/chat/messages/send";
import { unreadWhere } from "@/lib/chat/receipts/reads";
import { messageSearchText } from "@/lib/chat/search/normalize";
import { mentionsToStore } from "@/lib/chat/mentions/operations";
import { mentionedIds } from "@/lib/chat/mentions/tokens";
import { linkRows } from "@/lib/chat/links/extract";
import { copyAttachmentsFor, discardUnsentCopies } from "@/lib/chat/attachments/forward";
import { pinsChanged } from "@/lib/chat/pins/reads";
import { recordUpload, uploadKeyOf } from "@/lib/chat/uploads/records";
import { deleteAttachmentFiles } from "@/lib/chat/attachments/blobs";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { MAX_EVENT_BYTES, eventBytes } from "@/lib/realtime/events";
import { storage, type Storage } from "@/lib/storage/storage";
import { MESSAGE_ACTION_EVENTS } from "./events";
import { MESSAGE_ACTION_LIMITS } from "./limits";
import { messageActionLimits } from "./windows";
import {
  deleteMessageSchema,
  editMessageSchema,
  forwardMessageSchema,
  reactionSchema,
  type DeleteMessageInput,
  type EditMessageInput,
  type ForwardMessageInput,
  type ReactionInput,
} from "./schemas";
import { notDeletedWhere, notHiddenForWhere } from "./visibility";

/** Different emoji one user may put on one message. */
export const REACTIONS_PER_USER_MAX = MESSAGE_ACTION_LIMITS.reactionsPerUserMax;

export const messageNotFound = () => new AppError("not_found", "Message not found.");
const messageDeleted = () => new AppError("conflict", "This message was deleted.");

/** What the actions read of their message: the preview's fields (ids, sender, text, image, dates). */
const targetSelect = previewSelect;

interface Target {
  message: {
    id: string;
    conversationId: string;
    senderId: string;
    body: string | null;
    image: string | null;
    createdAt: Date;
    deletedAt: Date | null;
  };
  membership: Membership;
}

/** The message, if the actor is a member of its conversation and can see it; otherwise 404. */
export async function loadVisibleMessage(
  actorId: string,
  messageId: string,
  /** A group's system message (issue 15) may only be deleted for me; every other action refuses it. */
  options: { allowSystem?: boolean } = {},
): Promise<Target> {
  if (!isValidId(messageId) || !isValidId(actorId)) throw messageNotFound();
  const row = await db.message.findUnique({
    where: { id: messageId },
    select: { ...targetSelect, hiddenFor: { where: { userId: actorId }, select: { id: true }, take: 1 } },
  });
  if (!row) throw messageNotFound();
  const membership = await requireMembership(actorId, row.conversationId);
  if (row.hiddenFor.length > 0 || (membership.historyFrom && row.createdAt <= membership.historyFrom)) throw messageNotFound();
  if (row.systemEvent !== null && row.systemEvent !== undefined && !options.allowSystem) {
    throw new AppError("bad_request", "Group notices cannot be changed, reacted to or forwarded.");
  }
  const message = {
    id: row.id,
    conversationId: row.conversationId,
    senderId: row.senderId,
    body: row.body,
    image: row.image,
    createdAt: row.createdAt,
    deletedAt: row.deletedAt ?? null,
  };
  return { message, membership };
}

const memberIdsOf = async (conversationId: string): Promise<string[]> =>
  (await db.user.findMany({ where: { conversations: { some: { id: conversationId } } }, select: { id: true } })).map((u) => u.id);

/** The newest message of a conversation that `viewerId` sees (not deleted for them), as a preview. */
async function newestPreview(conversationId: string, viewerId?: string): Promise<MessagePreview | null> {
  const row = await db.message.findFirst({
    where: viewerId ? { AND: [{ conversationId }, notHiddenForWhere(viewerId)] } : { conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: previewSelect,
  });
  return row ? toPreview(row) : null;
}

/**
 * Members whose list holds the chat: not one who hid it (deleted it for them, declined it as a
 * message request). An update about a chat their list lacks would fetch it back in.
 */
const listHolds = (conversationId: string) => ({ memberStates: { none: { conversationId, hidden: true } } });

/** When the changed message is the conversation's newest, every member's list shows the new preview. */
async function previewEvents(conversationId: string, messageId: string): Promise<DomainEvent[]> {
  const preview = await newestPreview(conversationId);
  if (!preview || preview.id !== messageId) return [];
  const members = (
    await db.user.findMany({
      where: { conversations: { some: { id: conversationId } }, ...listHolds(conversationId) },
      select: { id: true },
    })
  ).map((u) => u.id);
  return [
    {
      channels: members.map(userChannel),
      event: CONVERSATION_EVENTS.conversationUpdate,
      payload: { id: conversationId, lastMessage: preview },
    },
  ];
}

// ---- Edit ----

/**
 * Edits the text of my own message within MESSAGE_EDIT_WINDOW_MINUTES of sending it. The previous
 * body is kept (MessageEdit, shown to me only); the image cannot change. Members see the new text
 * live (message:update) and the "edited" mark.
 */
export const editMessage = command(async (actorId: string, messageId: string, input: EditMessageInput | Record<string, unknown>) => {
  const { body } = parseInput(editMessageSchema, input);
  const { message } = await loadVisibleMessage(actorId, messageId);
  if (message.senderId !== actorId) throw new AppError("forbidden", "You can only edit your own messages.");
  if (message.deletedAt) throw messageDeleted();
  if (message.body === null)
    throw new AppError("bad_request", "Only a message with text can be edited.", { body: ["this message has no text"] });
  const { editWindowMs } = messageActionLimits();
  if (Date.now() - message.createdAt.getTime() > editWindowMs) {
    throw new AppError("forbidden", `Messages can be edited for ${Math.round(editWindowMs / 60_000)} minutes after sending.`);
  }
  if (body === message.body) return outcome({ id: message.id, body, editedAt: null as string | null });
  // Mentions obey the send's rule (members only, 400 otherwise) and their rows follow the new text.
  const mentioned = mentionedIds(body).length > 0 ? mentionsToStore(body, await memberIdsOf(message.conversationId), actorId) : [];
  const editedAt = new Date();
  // The notification center follows the mentions too (issue 16): a member newly mentioned gets an
  // entry (as the send's rule: not across a block), one no longer mentioned loses theirs.
  const [notify, hadEntries] = await Promise.all([
    mentioned.length > 0 ? notifiable(actorId, mentioned) : ([] as string[]),
    entriesOf({ messageId, kind: "mention" }),
  ]);
  const had = new Set(hadEntries.map((e) => e.recipientId));
  const added = notify.filter((id) => !had.has(id));
  const dropped = hadEntries.filter((e) => !notify.includes(e.recipientId));
  await db.$transaction(async (tx) => {
    // Only while it still holds the text this edit replaces (a concurrent edit or delete wins).
    const updated = await tx.message.updateMany({
      where: { AND: [{ id: messageId, body: message.body }, notDeletedWhere()] },
      data: { body, searchText: messageSearchText(body), editedAt },
    });
    if (updated.count === 0) throw new AppError("conflict", "This message changed meanwhile. Try again.");
    await tx.messageEdit.create({ data: { messageId, body: message.body!, editedAt }, select: { id: true } });
    await tx.messageMention.deleteMany({ where: { messageId } });
    if (mentioned.length > 0) {
      await tx.messageMention.createMany({
        data: mentioned.map((userId) => ({ messageId, userId, conversationId: message.conversationId })),
      });
    }
    if (dropped.length > 0) await tx.notification.deleteMany({ where: { id: { in: dropped.map((e) => e.id) } } });
    if (added.length > 0) {
      await tx.notification.createMany({
        data: added.map((recipientId) => ({ recipientId, actorId, kind: "mention", conversationId: message.conversationId, messageId })),
      });
    }
    // Its links follow the new text too (the Links tab lists what the message shows now).
    await tx.messageLink.deleteMany({ where: { messageId } });
    const links = linkRows(serverEnv().databaseProvider, messageId, message.conversationId, message.createdAt, body);
    if (links.length > 0) await tx.messageLink.createMany({ data: links });
  });
  const payload = { id: messageId, conversationId: message.conversationId, body, editedAt: editedAt.toISOString() };
  const events: DomainEvent[] = [
    {
      channels: conversationChannel(message.conversationId),
      event: MESSAGE_ACTION_EVENTS.messageUpdate,
      payload: eventBytes(payload) <= MAX_EVENT_BYTES ? payload : { ...payload, body: undefined, truncated: true as const },
    },
    ...(await previewEvents(message.conversationId, messageId)),
    ...(added.length > 0 ? await newNotificationEvents({ messageId, kind: "mention", recipientId: { in: added } }) : []),
    ...(await removedNotificationEvents(dropped)),
  ];
  return outcome({ id: messageId, body, editedAt: editedAt.toISOString() as string | null }, events);
});

// ---- Delete ----

export interface DeleteResult {
  id: string;
  scope: "me" | "everyone";
}

/**
 * Deletes a message for me (any message I can see: it leaves my history, search, preview and
 * unread count, on every tab and device of mine) or for everyone: my own message within
 * MESSAGE_DELETE_WINDOW_MINUTES, or any message of a group I am an admin of. For everyone it is a
 * soft delete: the row stays as a tombstone in its place, its text, image, search text, reactions
 * and previous versions are removed, and its stored files are deleted.
 */
export const deleteMessage = command(async (actorId: string, messageId: string, input: DeleteMessageInput | Record<string, unknown>) => {
  const { scope } = parseInput(deleteMessageSchema, input);
  const { message, membership } = await loadVisibleMessage(actorId, messageId, { allowSystem: scope === "me" });
  const conversationId = message.conversationId;
  if (scope === "me") {
    try {
      // My star goes with it (the Starred view lists only what I see).
      await db.$transaction([
        db.messageHidden.create({ data: { messageId, userId: actorId }, select: { id: true } }),
        db.starredMessage.deleteMany({ where: { messageId, userId: actorId } }),
      ]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const [lastMessage, unreadCount] = await Promise.all([
      newestPreview(conversationId, actorId),
      db.message.count({ where: { AND: [{ conversationId }, unreadWhere(actorId)] } }),
    ]);
    return outcome<DeleteResult>({ id: messageId, scope }, [
      { channels: userChannel(actorId), event: MESSAGE_ACTION_EVENTS.messageHidden, payload: { id: messageId, conversationId } },
      {
        channels: userChannel(actorId),
        event: CONVERSATION_EVENTS.conversationUpdate,
        payload: { id: conversationId, unreadCount, ...(lastMessage ? { lastMessage } : {}) },
      },
    ]);
  }

  const isGroupAdmin = membership.conversation.isGroup && membership.role === "admin";
  if (message.senderId !== actorId && !isGroupAdmin) {
    throw new AppError("forbidden", "You can delete other people's messages for everyone only as an admin of the group.");
  }
  const { deleteWindowMs } = messageActionLimits();
  if (!isGroupAdmin && Date.now() - message.createdAt.getTime() > deleteWindowMs) {
    throw new AppError(
      "forbidden",
      `Messages can be deleted for everyone for ${Math.round(deleteWindowMs / 60_000)} minutes after sending.`,
    );
  }
  if (message.deletedAt) return outcome<DeleteResult>({ id: messageId, scope });

  // Who had not read it yet: their unread count drops with it (read before the write).
  const [uploads, unreadBy, pin, attachments] = await Promise.all([
    db.upload.findMany({ where: { messageId }, select: { key: true, thumbnailKey: true } }),
    db.user.findMany({
      where: {
        conversations: { some: { id: conversationId } },
        id: { not: message.senderId },
        seenMessages: { none: { id: messageId } },
        ...listHolds(conversationId),
      },
      select: { id: true },
    }),
    db.pinnedMessage.findUnique({ where: { messageId }, select: { id: true } }),
    db.attachment.findMany({ where: { messageId }, select: { storageKey: true, posterKey: true } }),
  ]);
  // Its pin and every star go in the same transaction (issue 13: a deleted message is neither pinned nor starred).
  const [deleted] = await db.$transaction([
    db.message.updateMany({
      where: { AND: [{ id: messageId }, notDeletedWhere()] },
      data: { body: null, image: null, searchText: null, editedAt: null, deletedAt: new Date(), deletedById: actorId },
    }),
    db.messageReaction.deleteMany({ where: { messageId } }),
    // Its notification center entries (issue 16: mentions; reactions go with their rows).
    db.notification.deleteMany({ where: { messageId } }),
    db.messageEdit.deleteMany({ where: { messageId } }),
    db.upload.deleteMany({ where: { messageId } }),
    db.attachment.deleteMany({ where: { messageId } }),
    db.messageLink.deleteMany({ where: { messageId } }),
    db.pinnedMessage.deleteMany({ where: { messageId } }),
    db.starredMessage.deleteMany({ where: { messageId } }),
  ]);
  if (deleted.count === 0) return outcome<DeleteResult>({ id: messageId, scope });
  // Committed: the files go too (best effort; a file left behind is no longer served: its record is gone).
  await deleteFiles(uploads.flatMap((u) => [u.key, u.thumbnailKey]).filter((k): k is string => !!k));
  await deleteAttachmentFiles(attachments.flatMap((a) => [a.storageKey, a.posterKey]));

  const unreadCounts = await Promise.all(
    unreadBy.map(async ({ id }) => ({
      id,
      unreadCount: await db.message.count({ where: { AND: [{ conversationId }, unreadWhere(id)] } }),
    })),
  );
  const events: DomainEvent[] = [
    {
      channels: conversationChannel(conversationId),
      event: MESSAGE_ACTION_EVENTS.messageUpdate,
      payload: { id: messageId, conversationId, deleted: true },
    },
    ...(await previewEvents(conversationId, messageId)),
    // Was pinned: every member's pin bar drops it.
    ...(pin ? [(await pinsChanged(conversationId)).event] : []),
    ...unreadCounts.map(({ id, unreadCount }): DomainEvent => ({
      channels: userChannel(id),
      event: CONVERSATION_EVENTS.conversationUpdate,
      payload: { id: conversationId, unreadCount },
    })),
  ];
  return outcome<DeleteResult>({ id: messageId, scope }, events);
});

async function deleteFiles(keys: string[], files: Storage = storage()): Promise<void> {
  await Promise.all(
    keys.map((key) => files.delete(key).catch((error: unknown) => console.error("could not delete a stored file", key, error))),
  );
}

// ---- React ----

/**
 * Adds or removes one emoji reaction of mine on a message (`on` omitted: toggles). A user may put
 * several different emoji on a message (up to REACTIONS_PER_USER_MAX), each once.
 */
export const reactToMessage = command(
  async (actorId: string, messageId: string, input: (ReactionInput & { on?: boolean }) | Record<string, unknown>) => {
    const { emoji } = parseInput(reactionSchema, input);
    const wanted = typeof (input as { on?: unknown }).on === "boolean" ? (input as { on: boolean }).on : undefined;
    const { message } = await loadVisibleMessage(actorId, messageId);
    if (message.deletedAt) throw messageDeleted();
    const key = { messageId_userId_emoji: { messageId, userId: actorId, emoji } };
    const existing = await db.messageReaction.findUnique({ where: key, select: { id: true } });
    const on = wanted ?? !existing;
    if (on === Boolean(existing)) return outcome({ id: messageId, emoji, on });
    let notificationEvents: DomainEvent[] = [];
    if (on) {
      const mine = await db.messageReaction.count({ where: { messageId, userId: actorId } });
      if (mine >= REACTIONS_PER_USER_MAX) {
        throw new AppError("bad_request", `You can add at most ${REACTIONS_PER_USER_MAX} different reactions to a message.`);
      }
      // The author hears of it in their notification center (issue 16): not of their own reaction,
      // nor from someone they blocked or who blocked them. Written with the reaction, in one transaction.
      const [author] = await notifiable(actorId, [message.senderId]);
      let reactionId: string | null = null;
      try {
        reactionId = await db.$transaction(async (tx) => {
          const reaction = await tx.messageReaction.create({ data: { messageId, userId: actorId, emoji }, select: { id: true } });
          if (author) {
            await tx.notification.create({
              data: {
                recipientId: author,
                actorId,
                kind: "reaction",
                conversationId: message.conversationId,
                messageId,
                reactionId: reaction.id,
                text: emoji,
              },
              select: { id: true },
            });
          }
          return reaction.id;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return outcome({ id: messageId, emoji, on }); // another tab of mine added it just now
      }
      if (author) notificationEvents = await newNotificationEvents({ reactionId });
    } else {
      // Taken back: its entry goes with it (the relation's cascade), and the author's tabs drop it.
      const entries = await entriesOf({ reaction: { is: { messageId, userId: actorId, emoji } } });
      const { count } = await db.messageReaction.deleteMany({ where: { messageId, userId: actorId, emoji } });
      if (count === 0) return outcome({ id: messageId, emoji, on });
      notificationEvents = await removedNotificationEvents(entries);
    }
    return outcome({ id: messageId, emoji, on }, [
      {
        channels: conversationChannel(message.conversationId),
        event: MESSAGE_ACTION_EVENTS.messageReaction,
        payload: { id: messageId, conversationId: message.conversationId, userId: actorId, emoji, on },
      },
      ...notificationEvents,
    ]);
  },
);

// ---- Forward ----

/**
 * Forwards a message (its text, its image and its attachments, not its reactions or its reply) to
 * one or more of my conversations, each copy marked "Forwarded" and sent by me through the one send
 * path. Every target must be a conversation I am a member of, or nothing is sent (404). An uploaded
 * image and each attachment are copied into new uploads of mine (counted in my quota;
 * lib/chat/attachments/forward.ts), so deleting the original later does not take the copies with it.
 */
export const forwardMessage = command(async (actorId: string, messageId: string, input: ForwardMessageInput | Record<string, unknown>) => {
  const { conversationIds } = parseInput(forwardMessageSchema, input);
  const { message } = await loadVisibleMessage(actorId, messageId);
  if (message.deletedAt) throw messageDeleted();
  if (!conversationIds.every(isValidId)) throw new AppError("not_found", "Conversation not found.");
  const mine = await db.conversation.count({ where: { id: { in: conversationIds }, users: { some: { id: actorId } } } });
  if (mine !== conversationIds.length) throw new AppError("not_found", "Conversation not found.");

  const messages: MessageDto[] = [];
  const events: DomainEvent[] = [];
  for (const conversationId of conversationIds) {
    const id = newMessageId(serverEnv().databaseProvider);
    const image = message.image ? await copyImageFor(actorId, message.image) : null;
    const attachmentIds = await copyAttachmentsFor(actorId, messageId);
    const sent = await sendMessage
      .run(
        actorId,
        conversationId,
        { id, body: message.body, image, ...(attachmentIds.length > 0 ? { attachmentIds } : {}) },
        { forwarded: true },
      )
      .catch(async (error: unknown) => {
        await discardUnsentCopies(attachmentIds);
        throw error;
      });
    messages.push(sent.result.message);
    events.push(...sent.events);
  }
  return outcome({ messages }, events);
});

/** An image of ours copied into a new upload owned by `actorId`; an allowed external URL as is. */
async function copyImageFor(actorId: string, image: string, files: Storage = storage()): Promise<string> {
  const key = uploadKeyOf(image);
  if (!key) return image;
  const source = await db.upload.findUnique({ where: { key }, select: { contentType: true, thumbnailKey: true, size: true } });
  const original = await files.get(key);
  if (!source || !original) throw new AppError("conflict", "The image of this message is no longer available.");
  const thumbnail = source.thumbnailKey ? await files.get(source.thumbnailKey) : null;
  const name = `msg-${randomUUID()}`;
  const newKey = `${name}.${key.split(".").pop()}`;
  const thumbnailKey = thumbnail ? `${name}-thumb.webp` : undefined;
  await recordUpload(
    actorId,
    { key: newKey, ...(thumbnailKey ? { thumbnailKey } : {}), size: source.size, contentType: source.contentType },
    async () => {
      await files.put(newKey, original.bytes, original.contentType);
      if (thumbnail && thumbnailKey) await files.put(thumbnailKey, thumbnail.bytes, thumbnail.contentType);
    },
    files,
  );
  return files.url(newKey);
}
