// A group's icon (issue 15): uploaded from the group info panel by whoever may edit the group's
// info (anyone, or only admins when `adminsOnlyInfo`), through the avatar pipeline
// (lib/users/avatar.ts: type sniffed from the bytes, size-limited, decoded and re-encoded as a
// 256×256 WebP without metadata) and the upload records (lib/chat/uploads/records.ts: the
// uploader's quota; removed when nothing references it). Stored under
// `group-icons/<conversation id>/<random>.webp` and served by GET /api/uploads/[...key] to the
// group's members only while it is the group's icon (lib/chat/uploads/access.ts), and through a
// usable invite link's preview (invites.ts `inviteIcon`). Each change writes a system message
// ("Ana changed the group icon" / "removed the group icon") whose conversation:update makes every
// member's list and header read the summary (with its `icon`) again. The replaced icon's file and
// record go after the commit; deleting the group removes its icon too (`forgetGroupIcon`).
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { forgetUpload, recordUpload } from "@/lib/chat/uploads/records";
import { assertUploadAllowed } from "@/lib/rate-limit/user-budgets";
import { storage, type Storage } from "@/lib/storage/storage";
import { processAvatar } from "@/lib/users/avatar";
import { canEditInfo, groupIconUrl, requireGroup } from "./reads";
import { groupIconInputSchema, type GroupIconInput } from "./schemas";
import { systemMessageEvents, writeSystemMessages } from "./system";

/** A group icon's storage key: `group-icons/<conversation id>/<random>.webp`. */
export const GROUP_ICON_KEY = /^group-icons\/([^/]+)\/[^/]+$/;

export const ICON_CHANGED_MESSAGE = "The group icon was just changed by someone else. Please try again.";

/** Removes a group icon's file and upload record (after the change that dropped it committed; best effort). */
export async function forgetGroupIcon(key: string | null | undefined, files: Storage = storage()): Promise<void> {
  if (key && GROUP_ICON_KEY.test(key)) await forgetUpload(key, files);
}

/**
 * Sets (`{icon: bytes}`) or removes (`{remove: true}`) the group's icon. Refused: non-members 404,
 * not a group 400, `adminsOnlyInfo` and not an admin 403, not an image / too big 415 / 413 (nothing
 * stored), a concurrent change 409 (the new file is removed again).
 */
export const setGroupIcon = command(
  async (actorId: string, conversationId: string, input: GroupIconInput | Record<string, unknown>, files: Storage = storage()) => {
    const parsed = parseInput(groupIconInputSchema, input);
    const access = await requireGroup(actorId, conversationId);
    if (!canEditInfo(access)) throw new AppError("forbidden", "Only the group's admins can edit its info.");
    const row = await db.conversation.findUnique({ where: { id: conversationId }, select: { iconKey: true } });
    const oldKey = row?.iconKey ?? null;
    if (!parsed.icon && oldKey === null) return outcome({ icon: null });

    let newKey: string | null = null;
    if (parsed.icon) {
      await assertUploadAllowed(actorId); // before decoding
      const processed = await processAvatar(parsed.icon);
      const key = `group-icons/${conversationId}/${randomBytes(16).toString("hex")}.${processed.ext}`;
      await recordUpload(
        actorId,
        { key, size: processed.bytes.byteLength, contentType: processed.contentType },
        () => files.put(key, processed.bytes, processed.contentType),
        files,
      );
      newKey = key;
    }

    let messageIds: string[];
    try {
      messageIds = await db.$transaction(async (tx) => {
        // Compare and swap: two changes at once cannot both replace the same icon (one file would
        // leak). Not for a group without an icon: on MongoDB `iconKey: null` misses an unset field.
        const { count } = await tx.conversation.updateMany({
          where: oldKey === null ? { id: conversationId } : { id: conversationId, iconKey: oldKey },
          data: { iconKey: newKey },
        });
        if (count === 0) throw new AppError("conflict", ICON_CHANGED_MESSAGE);
        return writeSystemMessages(tx, conversationId, actorId, [{ event: { kind: "icon", on: newKey !== null } }]);
      });
    } catch (error) {
      if (newKey) await forgetUpload(newKey, files); // stored but never referenced
      throw error;
    }
    await forgetGroupIcon(oldKey, files);
    const memberIds = (
      await db.user.findMany({ where: { conversations: { some: { id: conversationId } } }, select: { id: true }, orderBy: { id: "asc" } })
    ).map((u) => u.id);
    return outcome({ icon: groupIconUrl(newKey, files) }, await systemMessageEvents(conversationId, messageIds, memberIds));
  },
);
