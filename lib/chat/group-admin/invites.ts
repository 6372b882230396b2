// Invite links of a group (issue 15): an admin creates a link (an expiry, a maximum number of uses),
// sees and revokes the group's links; whoever opens one sees a preview (name, description, member
// count and icon — never the member list) and may join while it is not revoked, expired or used up, and
// when neither they nor the link's creator blocked the other. Joining writes "Ben joined using an
// invite link" and is published like an addition.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { CONVERSATION_LIMITS } from "@/lib/chat/conversations/limits";
import { storage, type Storage, type StoredObject } from "@/lib/storage/storage";
import type { GroupInviteDto, InvitePreview } from "./dto";
import { requireGroup } from "./reads";
import { createInviteSchema, inviteTokenSchema, type CreateInviteInput } from "./schemas";
import { joinAsMember, joinedEvents } from "./system";

export const INVITE_INVALID_MESSAGE = "This invite link is not valid.";
export const INVITE_REVOKED_MESSAGE = "This invite link was revoked.";
export const INVITE_EXPIRED_MESSAGE = "This invite link has expired.";
export const INVITE_USED_UP_MESSAGE = "This invite link has reached its number of uses.";
export const INVITE_REFUSED_MESSAGE = "You cannot join this group with this link.";

const inviteSelect = { id: true, token: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true, createdAt: true } as const;
type InviteRow = {
  id: string;
  token: string;
  expiresAt: Date | null;
  maxUses: number | null;
  uses: number;
  revokedAt: Date | null;
  createdAt: Date;
};

function toInviteDto(row: InviteRow): GroupInviteDto {
  return {
    id: row.id,
    token: row.token,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxUses: row.maxUses,
    uses: row.uses,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Why a link cannot be used now (null: it can). */
function unusable(row: InviteRow, now: Date): AppError | null {
  if (row.revokedAt) return new AppError("not_found", INVITE_REVOKED_MESSAGE);
  if (row.expiresAt && row.expiresAt <= now) return new AppError("not_found", INVITE_EXPIRED_MESSAGE);
  if (row.maxUses !== null && row.uses >= row.maxUses) return new AppError("not_found", INVITE_USED_UP_MESSAGE);
  return null;
}

async function requireAdmin(actorId: string, conversationId: string, what: string) {
  const access = await requireGroup(actorId, conversationId);
  if (!access.isAdmin) throw new AppError("forbidden", `Only the group's admins can ${what}.`);
  return access;
}

/** Creates an invite link of the group (admins only). */
export const createInvite = command(async (actorId: string, conversationId: string, input: CreateInviteInput | Record<string, unknown>) => {
  const { expiresInHours, maxUses } = parseInput(createInviteSchema, input);
  await requireAdmin(actorId, conversationId, "create invite links");
  const row = await db.groupInvite.create({
    data: {
      conversationId,
      createdById: actorId,
      token: randomBytes(18).toString("base64url"),
      expiresAt: expiresInHours ? new Date(Date.now() + expiresInHours * 3_600_000) : null,
      maxUses: maxUses ?? null,
    },
    select: inviteSelect,
  });
  return outcome(toInviteDto(row));
});

/** The group's links that were not revoked (admins only), newest first. */
export async function listInvites(actorId: string, conversationId: string): Promise<GroupInviteDto[]> {
  await requireAdmin(actorId, conversationId, "see invite links");
  const rows = await db.groupInvite.findMany({
    where: { conversationId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: inviteSelect,
  });
  return rows.map(toInviteDto);
}

/** Revokes one of the group's links (admins only); revoking twice is fine. */
export const revokeInvite = command(async (actorId: string, conversationId: string, inviteId: string) => {
  await requireAdmin(actorId, conversationId, "revoke invite links");
  const found = isValidId(inviteId)
    ? await db.groupInvite.findFirst({ where: { id: inviteId, conversationId }, select: { id: true } })
    : null;
  if (!found) throw new AppError("not_found", "Invite link not found.");
  await db.groupInvite.updateMany({ where: { id: inviteId, revokedAt: null }, data: { revokedAt: new Date() } });
  return outcome({ id: inviteId, revoked: true as const });
});

async function findInvite(token: string) {
  return db.groupInvite.findUnique({
    where: { token },
    select: {
      ...inviteSelect,
      conversationId: true,
      createdById: true,
      conversation: { select: { name: true, description: true, isGroup: true, iconKey: true, _count: { select: { users: true } } } },
    },
  });
}

/** What a link shows before joining: the group's name, description and member count (no members). */
export async function previewInvite(actorId: string, rawToken: string): Promise<InvitePreview> {
  const { token } = parseInput(inviteTokenSchema, { token: rawToken });
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const invite = await findInvite(token);
  if (!invite || invite.conversation.isGroup !== true) throw new AppError("not_found", INVITE_INVALID_MESSAGE);
  const member = await db.conversation.count({ where: { id: invite.conversationId, users: { some: { id: actorId } } } });
  const refusal = member > 0 ? null : unusable(invite, new Date());
  if (refusal) throw refusal;
  return {
    token,
    name: invite.conversation.name,
    description: invite.conversation.description ?? null,
    memberCount: invite.conversation._count.users,
    icon: invite.conversation.iconKey ? inviteIconPath(token) : null,
    ...(member > 0 ? { conversationId: invite.conversationId } : {}),
  };
}

/** Where an invite link's preview loads the group icon from (the token is the credential). */
export const inviteIconPath = (token: string) => `/api/invites/${token}/icon`;

/**
 * The group icon as an invite link's preview shows it: to anyone signed in holding a usable link
 * (not revoked, expired or used up) or a member; anything else is the same 404 as a missing icon.
 */
export async function inviteIcon(actorId: string, rawToken: string, files: Storage = storage()): Promise<StoredObject> {
  const notFound = () => new AppError("not_found", "Not found.");
  const token = inviteTokenSchema.safeParse({ token: rawToken });
  if (!token.success || !isValidId(actorId)) throw notFound();
  const invite = await findInvite(token.data.token);
  if (!invite || invite.conversation.isGroup !== true || !invite.conversation.iconKey) throw notFound();
  const member = await db.conversation.count({ where: { id: invite.conversationId, users: { some: { id: actorId } } } });
  if (member === 0 && unusable(invite, new Date())) throw notFound();
  const object = await files.get(invite.conversation.iconKey);
  if (!object) throw notFound();
  return object;
}

/** Joins the group of a link. Already a member: nothing changes (its id is returned). */
export const joinByInvite = command(async (actorId: string, rawToken: string) => {
  const { token } = parseInput(inviteTokenSchema, { token: rawToken });
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const invite = await findInvite(token);
    if (!invite || invite.conversation.isGroup !== true) throw new AppError("not_found", INVITE_INVALID_MESSAGE);
    const conversationId = invite.conversationId;
    const current = (
      await db.user.findMany({ where: { conversations: { some: { id: conversationId } } }, select: { id: true }, orderBy: { id: "asc" } })
    ).map((u) => u.id);
    if (current.includes(actorId)) return outcome({ conversationId, joined: false });
    const refusal = unusable(invite, new Date());
    if (refusal) throw refusal;
    // Blocks: neither the joiner nor the link's creator blocked the other; a deleted account or the assistant never joins.
    const [blocked, me] = await Promise.all([
      db.block.count({
        where: {
          OR: [
            { blockerId: actorId, blockedId: invite.createdById },
            { blockerId: invite.createdById, blockedId: actorId },
          ],
        },
      }),
      db.user.findFirst({ where: { id: actorId, assistantBot: { is: null } }, select: { deletedAt: true } }),
    ]);
    if (blocked > 0 || !me || me.deletedAt) throw new AppError("forbidden", INVITE_REFUSED_MESSAGE);
    if (current.length >= CONVERSATION_LIMITS.groupMembersMax) {
      throw new AppError("conflict", `This group is full (${CONVERSATION_LIMITS.groupMembersMax} members).`);
    }
    let messageIds: string[] | null;
    try {
      messageIds = await db.$transaction(async (tx) => {
        // One use, counted only if nobody used the link meanwhile (compare and swap: the use limit holds under races).
        const { count } = await tx.groupInvite.updateMany({
          where: { id: invite.id, uses: invite.uses, revokedAt: null },
          data: { uses: invite.uses + 1 },
        });
        if (count === 0) return null;
        return joinAsMember(tx, conversationId, actorId, "joined");
      });
    } catch (error) {
      // Another tab of mine joined at the same moment (my member state exists): I am a member.
      if (isUniqueViolation(error)) return outcome({ conversationId, joined: false });
      throw error;
    }
    if (messageIds === null) continue; // someone else used it at the same moment: read it again
    return outcome({ conversationId, joined: true }, await joinedEvents(conversationId, messageIds, current, [actorId]));
  }
  throw new AppError("conflict", "This invite link is busy. Please try again.");
});
