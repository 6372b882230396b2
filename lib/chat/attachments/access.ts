// Who may read an attachment (GET /api/attachments/{id}[/poster]): before it is sent, its uploader
// only; once sent, the members of its conversation who can see its message ("delete for me" cut-off
// included), so a former member or a stranger is refused. Every refusal is the same 404 as a
// missing attachment. Nothing is a capability URL: every read checks the session.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { seesMessage } from "@/lib/chat/uploads/access";
import { THUMBNAIL_SUFFIX } from "./files";
import { INLINE_IMAGE_MIMES } from "./sniff";

const notFound = () => new AppError("not_found", "Not found.");

/** Types a browser may show inline: images it decodes itself, audio and video. Everything else downloads. */
const INLINE_MEDIA = /^(audio|video)\/(mpeg|ogg|opus|wav|vnd\.wave|x-wav|x-m4a|mp4|webm|quicktime)$/;

export function isInlineSafe(mime: string): boolean {
  return INLINE_IMAGE_MIMES.has(mime) || INLINE_MEDIA.test(mime);
}

export interface ReadableAttachment {
  /** The stored file's key (blobs.ts: local disk or S3). */
  key: string;
  name: string;
  contentType: string;
  inline: boolean;
}

/** Whether the actor sees the message a sent attachment belongs to (a member within their history, not deleted). */
export async function seesSentAttachment(
  actorId: string,
  conversationId: string,
  message: { createdAt: Date; deletedAt: Date | null },
): Promise<boolean> {
  return !message.deletedAt && (await seesMessage(actorId, conversationId, message.createdAt));
}

/** The file (or poster) of an attachment, if the actor may read it; otherwise AppError("not_found"). */
export async function readAttachment(actorId: string | null, id: string, part: "file" | "poster" = "file"): Promise<ReadableAttachment> {
  if (!actorId || !isValidId(actorId) || !isValidId(id)) throw notFound();
  const row = await db.attachment.findUnique({
    where: { id },
    select: {
      uploaderId: true,
      conversationId: true,
      name: true,
      mimeType: true,
      storageKey: true,
      posterKey: true,
      message: { select: { createdAt: true, deletedAt: true } },
    },
  });
  if (!row) throw notFound();
  if (!row.message || !row.conversationId) {
    if (row.uploaderId !== actorId) throw notFound();
  } else if (!(await seesSentAttachment(actorId, row.conversationId, row.message))) {
    throw notFound();
  }
  if (part === "poster") {
    if (!row.posterKey) throw notFound();
    const thumbnail = row.posterKey.endsWith(THUMBNAIL_SUFFIX);
    return {
      key: row.posterKey,
      name: thumbnail ? "thumbnail.webp" : "poster.jpg",
      contentType: thumbnail ? "image/webp" : "image/jpeg",
      inline: true,
    };
  }
  const inline = isInlineSafe(row.mimeType);
  // Anything not shown inline is sent as opaque bytes: never HTML, SVG or script to a browser.
  return {
    key: row.storageKey,
    name: row.name,
    contentType: inline || row.mimeType === "application/pdf" ? row.mimeType : "application/octet-stream",
    inline,
  };
}
