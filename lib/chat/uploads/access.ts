// Who may read an upload (GET /api/uploads/[...key]). Uploads are not capability URLs: every read
// is authorized against the session, and a refusal is indistinguishable from a missing file (404).
// - A message image (and its thumbnail): members of the conversation whose message shows it, and
//   only if that message is in their visible history ("delete for me" hides older ones); a former
//   member loses access. Before it is sent (or after its message was deleted, until the orphan
//   sweep removes it) only its uploader may read it.
// - An avatar ("avatars/<user id>/…"): any signed-in user (anyone can find anyone by name and see
//   their picture), while it is that user's current picture.
// - A group icon ("group-icons/<conversation id>/…", issue 15): the group's members, while it is
//   the group's current icon. Someone invited sees it through the invite link instead
//   (GET /api/invites/{token}/icon, lib/chat/group-admin/invites.ts).
// - A file stored before upload records existed (no Upload row): readable through the messages
//   that show it, under the same membership rule.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId, requireMembership } from "@/lib/chat/kernel/access";
import { isValidKey, storage, type Storage, type StoredObject } from "@/lib/storage/storage";
import { UPLOAD_PREFIX } from "./records";

const notFound = () => new AppError("not_found", "Not found.");

/** Whether the actor can see a message created at `createdAt` in the conversation. */
export async function seesMessage(actorId: string, conversationId: string, createdAt: Date): Promise<boolean> {
  try {
    const { historyFrom } = await requireMembership(actorId, conversationId);
    return !historyFrom || createdAt > historyFrom;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return false;
    throw error;
  }
}

/** The message-image URLs a legacy key may appear as (a thumbnail key stands for its image). */
function legacyUrls(key: string): string[] {
  const thumb = /^(msg-[a-z0-9-]+)-thumb\.webp$/i.exec(key);
  if (!thumb) return [UPLOAD_PREFIX + key];
  return ["png", "jpg", "gif", "webp"].map((ext) => `${UPLOAD_PREFIX}${thumb[1]}.${ext}`);
}

export async function canReadUpload(actorId: string | null, key: string): Promise<boolean> {
  if (!actorId || !isValidId(actorId) || !isValidKey(key)) return false;

  const avatar = /^avatars\/([^/]+)\/[^/]+$/.exec(key);
  if (avatar) {
    if (!isValidId(avatar[1])) return false;
    const owner = await db.user.findUnique({ where: { id: avatar[1] }, select: { image: true } });
    return owner?.image === UPLOAD_PREFIX + key;
  }

  const icon = /^group-icons\/([^/]+)\/[^/]+$/.exec(key);
  if (icon) {
    if (!isValidId(icon[1])) return false;
    const group = await db.conversation.findFirst({
      where: { id: icon[1], iconKey: key, users: { some: { id: actorId } } },
      select: { id: true },
    });
    return group !== null;
  }

  const record = await db.upload.findFirst({
    where: { OR: [{ key }, { thumbnailKey: key }] },
    select: { ownerId: true, conversationId: true, message: { select: { createdAt: true } } },
  });
  if (record) {
    if (!record.message || !record.conversationId) return record.ownerId === actorId;
    return seesMessage(actorId, record.conversationId, record.message.createdAt);
  }

  // Stored before upload records: the messages of the actor's conversations that show it.
  const messages = await db.message.findMany({
    where: { image: { in: legacyUrls(key) }, conversation: { users: { some: { id: actorId } } } },
    select: { conversationId: true, createdAt: true },
    take: 5,
  });
  for (const message of messages) if (await seesMessage(actorId, message.conversationId, message.createdAt)) return true;
  return false;
}

/** The stored file, if the actor may read it; otherwise AppError("not_found"), whatever the reason. */
export async function readUpload(actorId: string | null, key: string, files: Storage = storage()): Promise<StoredObject> {
  if (!(await canReadUpload(actorId, key))) throw notFound();
  const object = await files.get(key);
  if (!object) throw notFound();
  return object;
}
