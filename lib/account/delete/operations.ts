// "Delete my account" (issue #17). Confirmed by the password, or for an account without one by a
// 6-digit code we e-mail (lib/account/tokens.ts, purpose "delete-account"; wrong passwords are
// limited like a password change, codes die after 5 wrong guesses, code mails are limited per
// address and IP). Then:
// - the groups I am in: I leave each with the members capability's leave (its events, its admin
//   succession; a group left empty is deleted);
// - in one transaction: my sign-in methods, sessions, tokens, two-factor secret and recovery codes,
//   activity, my avatar and unsent uploads, and (if I chose it) every message I sent with its
//   image, are deleted; the session version is bumped; the User row stays as a tombstone with no
//   name, e-mail, image or password, and `deletedAt` set, so my messages in others' 1:1 chats show
//   "Deleted account" (lib/chat/kernel/access.ts toSafeUser) and nobody can send to such a chat;
// - after commit: every instance forgets the cached session (so every token of mine is refused at
//   once), my realtime connections end, the files go from storage, and the other members of my
//   1:1 chats get a conversation update (their client refetches it: "Deleted account").
// No raw SQL, no scalar-list writes: the same code runs on PostgreSQL and MongoDB.
import "server-only";
import { deleteAttachmentFiles } from "@/lib/chat/attachments/blobs";
import { verifyAgainstDummyHash, verifyPassword } from "@/lib/auth/password";
import { forgetLiveSession } from "@/lib/auth/session-version";
import { fieldErrors } from "@/lib/auth/validation";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { afterCommit, type DomainEvent } from "@/lib/chat/kernel/events";
import { leaveGroup } from "@/lib/chat/members/operations";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sendMailInBackground } from "@/lib/mail/mailer";
import { templates } from "@/lib/mail/templates";
import { assertMailRequestAllowed } from "@/lib/rate-limit/auth-limits";
import { clearPasswordChecks, reservePasswordCheck } from "@/lib/rate-limit/user-budgets";
import { userChannel } from "@/lib/realtime/channels";
import { securityLog } from "@/lib/security/log";
import { storage, type Storage } from "@/lib/storage/storage";
import { deleteAccountSchema } from "../schemas";
import { consumeCode, issueCode } from "../tokens";

export const DELETE_CODE_SENT_MESSAGE = "We have sent a 6-digit code to your e-mail address. It works for 10 minutes.";

export interface DeleteAccountResult {
  deleted: true;
  messagesDeleted: number;
  groupsLeft: number;
}

/** "Email me a code" of the delete dialog: a code to the account's own address. */
export async function requestDeleteAccountCode(userId: string, context: { ip: string }): Promise<{ message: string }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, deletedAt: true } });
  if (!user || user.deletedAt) throw new AppError("not_found", "This account no longer exists.");
  if (!user.email) throw new AppError("bad_request", "Your account has no e-mail address to send a code to.");
  await assertMailRequestAllowed(context.ip, "delete-account", user.email);
  const code = await issueCode(userId, user.email, new Date(), "delete-account");
  sendMailInBackground(user.email, templates.deleteAccountCode({ code }));
  securityLog("account.code_requested", { userId, ip: context.ip });
  return { message: DELETE_CODE_SENT_MESSAGE };
}

async function confirm(userId: string, input: { password?: string; code?: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { hashedPassword: true, deletedAt: true } });
  if (!user || user.deletedAt) throw new AppError("not_found", "This account no longer exists.");
  if (user.hashedPassword) {
    if (!input.password) throw new AppError("bad_request", "Enter your password.", { password: ["Enter your password."] });
    // Like a password change: reserved as a failure before bcrypt runs (429 after a few wrong ones).
    await reservePasswordCheck(userId);
    const ok = await verifyPassword(input.password, user.hashedPassword);
    if (!ok) {
      securityLog("account.delete_failed", { userId, reason: "wrong password" });
      throw new AppError("bad_request", "The password is not correct.", { password: ["The password is not correct."] });
    }
    await clearPasswordChecks(userId);
    return;
  }
  if (input.password) await verifyAgainstDummyHash(input.password);
  if (!input.code || !/^\d{6}$/.test(input.code)) {
    throw new AppError("bad_request", "Enter the 6-digit code we e-mailed you.", { code: ["Enter the 6-digit code we e-mailed you."] });
  }
  const used = await consumeCode(userId, input.code, new Date(), "delete-account");
  if (!used) {
    securityLog("account.delete_failed", { userId, reason: "wrong code" });
    throw new AppError("bad_request", "The code is not correct or has expired. Ask for a new one.", {
      code: ["The code is not correct or has expired."],
    });
  }
}

/** Deletes my account after the confirmation (see the top of this file). */
export async function deleteAccount(userId: string, input: unknown, files: Storage = storage()): Promise<DeleteAccountResult> {
  const parsed = deleteAccountSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  const { deleteMessages } = parsed.data;
  await confirm(userId, parsed.data);

  const events: DomainEvent[] = [];
  // "My messages" are those I wrote before this: the "… left" notices that leaving my groups writes
  // below stay in the groups' timelines (issue 15).
  const wroteBefore = new Date();
  const mine = await db.conversation.findMany({
    where: { users: { some: { id: userId } } },
    select: { id: true, isGroup: true, users: { select: { id: true } } },
  });
  // Groups: the existing leave, one group at a time (each its own transaction and events).
  const groups = mine.filter((c) => c.isGroup === true);
  for (const group of groups) {
    const left = await leaveGroup.run(userId, group.id);
    events.push(...left.events);
  }
  // The 1:1 chats stay, for the other member's history.
  const directs = mine.filter((c) => c.isGroup !== true);

  const now = new Date();
  const { fileKeys, attachmentKeys, messagesDeleted } = await db.$transaction(async (tx) => {
    // My uploads: all of them with my messages; otherwise the avatar and those no message shows
    // (message images stay with the messages). Filtered here, not by `messageId: null`, which on
    // MongoDB would miss a document without the field.
    const owned = await tx.upload.findMany({
      where: { ownerId: userId },
      select: { id: true, key: true, thumbnailKey: true, messageId: true },
    });
    // A group icon I uploaded stays the group's (it is removed with the group or when replaced).
    const uploads = owned.filter(
      (u) => !u.key.startsWith("group-icons/") && (deleteMessages || !u.messageId || u.key.startsWith("avatars/")),
    );
    await tx.upload.deleteMany({ where: { id: { in: uploads.map((u) => u.id) } } });
    // Attachments: the pending ones, and with my messages all of mine (their files too).
    const attached = await tx.attachment.findMany({
      where: { uploaderId: userId },
      select: { id: true, storageKey: true, posterKey: true, messageId: true },
    });
    const dropped = attached.filter((a) => deleteMessages || !a.messageId);
    await tx.attachment.deleteMany({ where: { id: { in: dropped.map((a) => a.id) } } });
    let messagesDeleted = 0;
    if (deleteMessages) {
      messagesDeleted = (await tx.message.deleteMany({ where: { senderId: userId, createdAt: { lt: wroteBefore } } })).count;
    }
    // No more pushes to my devices.
    await tx.pushSubscription.deleteMany({ where: { userId } });
    await tx.account.deleteMany({ where: { userId } });
    await tx.userSession.deleteMany({ where: { userId } });
    await tx.accountToken.deleteMany({ where: { userId } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.userTwoFactor.deleteMany({ where: { userId } });
    await tx.userActivity.deleteMany({ where: { userId } });
    // Every token issued before now is refused even where no session record is checked.
    await tx.userSecurity.upsert({
      where: { userId },
      create: { userId, sessionVersion: 1, passwordChangedAt: now },
      update: { sessionVersion: { increment: 1 }, passwordChangedAt: now },
      select: { id: true },
    });
    await tx.user.update({
      where: { id: userId },
      data: {
        name: null,
        email: null,
        emailVerified: null,
        image: null,
        hashedPassword: null,
        username: null,
        about: null,
        deletedAt: now,
      },
      select: { id: true },
    });
    return {
      fileKeys: uploads.flatMap((u) => [u.key, ...(u.thumbnailKey ? [u.thumbnailKey] : [])]),
      attachmentKeys: dropped.flatMap((a) => [a.storageKey, a.posterKey]),
      messagesDeleted,
    };
  });

  forgetLiveSession(userId);
  securityLog("account.deleted", { userId, reason: deleteMessages ? "with messages" : "messages kept" });
  for (const direct of directs) {
    const memberIds = direct.users.map((u) => u.id);
    const others = memberIds.filter((id) => id !== userId);
    // memberIds makes the other member's client refetch the conversation (its name: "Deleted account").
    if (others.length > 0) {
      events.push({
        channels: others.map(userChannel),
        event: CONVERSATION_EVENTS.conversationUpdate,
        payload: { id: direct.id, memberIds },
      });
    }
  }
  // After the events: my realtime connections end (they cannot sign in again).
  await afterCommit(events, { endRealtimeAccessOf: [userId] });
  await Promise.all(fileKeys.map((key) => files.delete(key).catch(() => {})));
  await deleteAttachmentFiles(attachmentKeys);
  return { deleted: true, messagesDeleted, groupsLeft: groups.length };
}
