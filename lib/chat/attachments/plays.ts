// The played state of voice notes (issue 14): a listener's first play is recorded once
// (AttachmentPlay, unique per listener) and sent to the conversation, so the sender sees "Played"
// live and the listener's other tabs stop showing the note as new. Members who can see the message
// only (the same 404 as a missing file otherwise); the sender's own plays record nothing.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome, type DomainEvent } from "@/lib/chat/kernel/events";
import { conversationChannel } from "@/lib/realtime/channels";
import { seesSentAttachment } from "./access";
import { ATTACHMENT_EVENTS } from "./events";

const notFound = () => new AppError("not_found", "Not found.");

export const markVoicePlayed = command(async (actorId: string, attachmentId: string) => {
  if (!isValidId(actorId) || !isValidId(attachmentId)) throw notFound();
  const row = await db.attachment.findUnique({
    where: { id: attachmentId },
    select: {
      kind: true,
      uploaderId: true,
      conversationId: true,
      messageId: true,
      message: { select: { createdAt: true, deletedAt: true } },
    },
  });
  if (!row?.message || !row.conversationId || !row.messageId) throw notFound();
  if (!(await seesSentAttachment(actorId, row.conversationId, row.message))) throw notFound();
  if (row.kind !== "voice") throw new AppError("bad_request", "Only voice messages are marked as played.");
  if (row.uploaderId === actorId) return outcome({ played: false });
  try {
    await db.attachmentPlay.create({ data: { attachmentId, userId: actorId }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) return outcome({ played: true }); // played before (another tab, a replay)
    throw error;
  }
  const events: DomainEvent[] = [
    {
      channels: conversationChannel(row.conversationId),
      event: ATTACHMENT_EVENTS.voicePlayed,
      payload: { conversationId: row.conversationId, messageId: row.messageId, attachmentId, userId: actorId },
    },
  ];
  return outcome({ played: true }, events);
});
