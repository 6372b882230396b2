// The shared kernel of the chat domain: the one membership gate and the safe user select. Every operation on a
// conversation goes through requireMembership: a conversation the actor is not a member of is
// indistinguishable from one that does not exist (AppError "not_found" → 404).
import "server-only";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { securityLog } from "@/lib/security/log";
import { isIdFor } from "./ids";

/**
 * The only user fields chat ever reads (kernel/dto.ts safeUserSchema): never email, hashedPassword or
 * tokens. With them, who the person shows their photo to (issue 15 privacy), so toSafeUser can leave
 * out a photo that is not for everyone: a message, receipt or call goes to every member of a chat
 * alike, so it carries only a public photo. Reads for one reader (chat summaries, people) decide
 * with privacy/rules.ts `sees` and may show a contacts-only photo to a contact.
 */
export const safeUserSelect = {
  id: true,
  name: true,
  image: true,
  privacy: { select: { photo: true } },
} as const satisfies Prisma.UserSelect;

/** The name every deleted account shows (its row stays as a tombstone: lib/account/delete/). */
export const DELETED_ACCOUNT_NAME = "Deleted account";
/** The 409 of sending to a 1:1 whose other member deleted their account. */
export const ACCOUNT_DELETED_MESSAGE = "This account was deleted. You can read the conversation but not send to it.";

/** safeUserSelect plus the tombstone mark, for reads that show other people: map with toSafeUser. */
export const shownUserSelect = { ...safeUserSelect, deletedAt: true } as const satisfies Prisma.UserSelect;

/** A user row as safeUserSelect / shownUserSelect read it. */
export interface ShownUserRow {
  id: string;
  name: string | null;
  image: string | null;
  deletedAt?: Date | null;
  /** Their privacy settings (null: none saved, everything is for everyone). */
  privacy: { photo: string } | null;
}

/** Whether the person shows their photo to everyone (lib/chat/privacy: "everyone" is the default). */
export const photoIsPublic = (row: Pick<ShownUserRow, "privacy">): boolean => (row.privacy?.photo ?? "everyone") === "everyone";

/** The safe user everyone may see: a deleted account is "Deleted account", with no avatar; a photo only when it is public. */
export function toSafeUser(row: ShownUserRow): { id: string; name: string | null; image: string | null } {
  if (row.deletedAt) return { id: row.id, name: DELETED_ACCOUNT_NAME, image: null };
  return { id: row.id, name: row.name, image: photoIsPublic(row) ? row.image : null };
}

/** Whether `id` can be an id in the configured database (a malformed id would make the driver throw). */
export function isValidId(id: unknown): boolean {
  // Server actions receive whatever the client serialized: a non-string (e.g. an object without a
  // prototype) must be "not an id", not a TypeError (→ 500).
  return typeof id === "string" && isIdFor(serverEnv().databaseProvider, id);
}

export const conversationNotFound = () => new AppError("not_found", "Conversation not found.");

/** A client usable both as `db` and as the `tx` of an interactive transaction. */
export type Db = Prisma.TransactionClient;

export interface Membership {
  conversation: { id: string; name: string | null; isGroup: boolean; createdAt: Date; lastMessageAt: Date };
  /** Messages at or before this instant are not shown to the actor ("delete for me"). */
  historyFrom: Date | null;
  role: string;
}

/** The conversation, if the actor is a member; otherwise AppError("not_found"). */
export async function requireMembership(actorId: string, conversationId: string, client: Db = db): Promise<Membership> {
  if (!isValidId(conversationId) || !isValidId(actorId)) throw conversationNotFound();
  // Both at once (one round trip of latency); the state only counts if the membership holds.
  const [conversation, state] = await Promise.all([
    client.conversation.findFirst({
      where: { id: conversationId, users: { some: { id: actorId } } },
      select: { id: true, name: true, isGroup: true, createdAt: true, lastMessageAt: true },
    }),
    client.conversationMemberState.findUnique({
      where: { conversationId_userId: { conversationId, userId: actorId } },
      select: { historyFrom: true, role: true },
    }),
  ]);
  if (!conversation) {
    securityLog("authorization.refused", { userId: actorId, target: `conversation:${conversationId}` });
    throw conversationNotFound();
  }
  return {
    conversation: { ...conversation, isGroup: conversation.isGroup === true },
    historyFrom: state?.historyFrom ?? null,
    role: state?.role ?? "member",
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError
    ? error.code === "P2002"
    : typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
