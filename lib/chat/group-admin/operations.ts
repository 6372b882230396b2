// Group admin (issue 15): add and remove members, make and dismiss admins, rename, describe,
// settings, delete. Each operation goes through the group gate (requireGroup: the membership gate,
// 404 for non-members), checks the actor's role against the group's settings (403 with a clear
// message otherwise), writes its change and the system message recording it in one transaction,
// and returns the events every member's UI follows. Leaving stays in lib/chat/members.
//
// The rules at the edges:
// - Adding: admins, or any member when the group allows it (`membersCanAdd`); only people the
//   actor can reach (lib/chat/people/reach.ts: not blocked either way, not the assistant, not a
//   deleted account), answered with one neutral message whatever the reason. New members see the
//   group's history (like its creation's members). Someone whose "who can add me to groups" is
//   "contacts" and who does not have me among their contacts is not added: they get an invitation
//   (lib/chat/group-invitations), named in the answer's `invited` for the adder's notice.
// - Removing: admins only; not myself (that is leaving); not the group's creator (nobody but the
//   creator removes the creator); an admin may remove another admin (an admin — me — stays).
// - Dismissing an admin: admins only; not the creator by someone else; never the last admin (409).
// - Deleting: admins only; the group and everything in it (messages, states, pins…) cascade; its
//   icon's file and upload record are removed after (icon.ts).
// - The group icon: icon.ts (setGroupIcon), under the rule of renaming (canEditInfo).
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation, isValidId } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { dropChatEntries, removedNotificationEvents } from "@/lib/chat/notification-center/operations";
import { parseInput } from "@/lib/chat/kernel/input";
import { CONVERSATION_EVENTS } from "@/lib/chat/conversations/events";
import { CONVERSATION_LIMITS } from "@/lib/chat/conversations/limits";
import { listStateEvent } from "@/lib/chat/chat-list/reads";
import { reachableBy } from "@/lib/chat/people/reach";
import { userChannel } from "@/lib/realtime/channels";
import { GROUP_SETTINGS, type GroupSettings } from "./dto";
import { forgetGroupIcon } from "./icon";
import { canAddMembers, canEditInfo, requireGroup } from "./reads";
import {
  addMembersSchema,
  groupInfoInputSchema,
  groupSettingsInputSchema,
  memberTargetSchema,
  setRoleSchema,
  type AddMembersInput,
  type GroupInfoInput,
  type GroupSettingsInput,
  type MemberTargetInput,
  type SetRoleInput,
} from "./schemas";
import { joinedEvents, systemMessageEvents, writeSystemMessages, type SystemEntry } from "./system";
import { createInvitations, invitationsNeeded } from "@/lib/chat/group-invitations/operations";

const memberIdsOf = async (conversationId: string): Promise<string[]> =>
  (
    await db.user.findMany({ where: { conversations: { some: { id: conversationId } } }, select: { id: true }, orderBy: { id: "asc" } })
  ).map((u) => u.id);

const notInGroup = () => new AppError("not_found", "This person is not in the group.");

export const CANNOT_ADD_MESSAGE = "Some of the selected people cannot be added to this group.";

/** Adds people to a group (admins; any member when the group allows it). */
export const addMembers = command(async (actorId: string, conversationId: string, input: AddMembersInput | Record<string, unknown>) => {
  const { userIds } = parseInput(addMembersSchema, input);
  const access = await requireGroup(actorId, conversationId);
  if (!canAddMembers(access)) throw new AppError("forbidden", "Only the group's admins can add people.");
  const current = await memberIdsOf(conversationId);
  const wanted = [...new Set(userIds)].filter((id) => !current.includes(id));
  if (wanted.length === 0)
    throw new AppError("bad_request", "Everyone you picked is already in the group.", { userIds: ["already members"] });
  if (current.length + wanted.length > CONVERSATION_LIMITS.groupMembersMax) {
    throw new AppError("bad_request", `A group has at most ${CONVERSATION_LIMITS.groupMembersMax} members.`, {
      userIds: ["too many people"],
    });
  }
  if (!wanted.every(isValidId)) throw new AppError("bad_request", CANNOT_ADD_MESSAGE, { userIds: ["contains people who cannot be added"] });
  // Someone I cannot reach (blocked either way, the assistant, unknown) or a deleted account: one neutral answer.
  const people = await db.user.findMany({
    where: { AND: [{ id: { in: wanted } }, reachableBy(actorId)] },
    select: { id: true, deletedAt: true },
  });
  if (people.length !== wanted.length || people.some((p) => p.deletedAt)) {
    throw new AppError("bad_request", CANNOT_ADD_MESSAGE, { userIds: ["contains people who cannot be added"] });
  }
  // Their "who can add me to groups" says contacts and I am not theirs: an invitation instead (lib/chat/group-invitations).
  const invited = await invitationsNeeded(actorId, wanted);
  const added = wanted.filter((id) => !invited.some((person) => person.id === id));
  let messageIds: string[] = [];
  if (added.length > 0) {
    try {
      messageIds = await db.$transaction(async (tx) => {
        await tx.conversation.update({
          where: { id: conversationId },
          data: { users: { connect: added.map((id) => ({ id })) } },
          select: { id: true },
        });
        await tx.conversationMemberState.createMany({
          data: added.map((userId) => ({ conversationId, userId, role: "member", addedById: actorId })),
        });
        return writeSystemMessages(
          tx,
          conversationId,
          actorId,
          added.map((userId) => ({ event: { kind: "added" }, targetId: userId })),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "Someone you picked was just added. Please try again.");
      throw error;
    }
  }
  const events = [
    ...(added.length > 0 ? await joinedEvents(conversationId, messageIds, current, added) : []),
    ...(await createInvitations(
      conversationId,
      actorId,
      invited.map((person) => person.id),
    )),
  ];
  const memberIds = [...current, ...added].sort();
  return outcome({ memberIds, ...(invited.length > 0 ? { invited } : {}) }, events);
});

/** Removes a member (admins only). They lose access at once: their realtime connections end. */
export const removeMember = command(async (actorId: string, conversationId: string, input: MemberTargetInput | Record<string, unknown>) => {
  const { userId } = parseInput(memberTargetSchema, input);
  const access = await requireGroup(actorId, conversationId);
  if (!access.isAdmin) throw new AppError("forbidden", "Only the group's admins can remove members.");
  if (userId === actorId) throw new AppError("bad_request", "To leave the group, use Leave group.", { userId: ["is you"] });
  const current = await memberIdsOf(conversationId);
  if (!current.includes(userId)) throw notInGroup();
  if (userId === access.createdById) throw new AppError("forbidden", "The group's creator cannot be removed.");
  let dropped: Awaited<ReturnType<typeof dropChatEntries>> = [];
  const messageIds = await db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversationId },
      data: { users: { disconnect: { id: userId } } },
      select: { id: true },
    });
    await tx.conversationMemberState.deleteMany({ where: { conversationId, userId } });
    // Their notification center's mentions and reactions of it go too (issue 16).
    dropped = await dropChatEntries(tx, conversationId, userId);
    return writeSystemMessages(tx, conversationId, actorId, [{ event: { kind: "removed" }, targetId: userId }]);
  });
  const remaining = current.filter((id) => id !== userId);
  return outcome(
    { memberIds: remaining },
    [
      { channels: userChannel(userId), event: CONVERSATION_EVENTS.conversationRemove, payload: { id: conversationId } },
      // Their Archived folder's count may have changed (their state of the group went with them).
      await listStateEvent(userId, conversationId, { pinnedAt: null, mutedUntil: null, archivedAt: null }),
      ...(await systemMessageEvents(conversationId, messageIds, remaining)),
      ...(await removedNotificationEvents(dropped)),
    ],
    { endRealtimeAccessOf: [userId] },
  );
});

/** Makes a member an admin or dismisses an admin (admins only; never the last admin). */
export const setMemberRole = command(async (actorId: string, conversationId: string, input: SetRoleInput | Record<string, unknown>) => {
  const { userId, role } = parseInput(setRoleSchema, input);
  const access = await requireGroup(actorId, conversationId);
  if (!access.isAdmin) throw new AppError("forbidden", "Only the group's admins can make or dismiss admins.");
  const state = await db.conversationMemberState.findFirst({
    where: { conversationId, userId, user: { conversations: { some: { id: conversationId } } } },
    select: { id: true, role: true },
  });
  if (!state) throw notInGroup();
  if ((state.role === "admin" ? "admin" : "member") === role) return outcome({ userId, role });
  if (role === "member" && userId === access.createdById && userId !== actorId) {
    throw new AppError("forbidden", "The group's creator cannot be dismissed as admin.");
  }
  const messageIds = await db.$transaction(async (tx) => {
    await tx.conversationMemberState.update({ where: { id: state.id }, data: { role }, select: { id: true } });
    if (role === "member") {
      const admins = await tx.conversationMemberState.count({
        where: { conversationId, role: "admin", user: { conversations: { some: { id: conversationId } } } },
      });
      if (admins === 0) throw new AppError("conflict", "A group needs at least one admin. Make someone else an admin first.");
    }
    return writeSystemMessages(tx, conversationId, actorId, [
      { event: { kind: role === "admin" ? "promoted" : "demoted" }, targetId: userId },
    ]);
  });
  return outcome({ userId, role }, await systemMessageEvents(conversationId, messageIds, await memberIdsOf(conversationId)));
});

/** Renames the group and/or changes its description (anyone, or admins only when the group says so). */
export const updateGroupInfo = command(async (actorId: string, conversationId: string, input: GroupInfoInput | Record<string, unknown>) => {
  const { name, description } = parseInput(groupInfoInputSchema, input);
  const access = await requireGroup(actorId, conversationId);
  if (!canEditInfo(access)) throw new AppError("forbidden", "Only the group's admins can edit its info.");
  const row = await db.conversation.findUnique({ where: { id: conversationId }, select: { name: true, description: true } });
  const nextDescription = description === undefined ? undefined : description === "" ? null : description;
  const entries: SystemEntry[] = [];
  const data: { name?: string; description?: string | null } = {};
  if (name !== undefined && name !== row?.name) {
    data.name = name;
    entries.push({ event: { kind: "renamed", name } });
  }
  if (nextDescription !== undefined && nextDescription !== (row?.description ?? null)) {
    data.description = nextDescription;
    entries.push({ event: { kind: "description", description: nextDescription } });
  }
  const result = {
    name: data.name ?? row?.name ?? null,
    description: data.description === undefined ? (row?.description ?? null) : data.description,
  };
  if (entries.length === 0) return outcome(result);
  const messageIds = await db.$transaction(async (tx) => {
    await tx.conversation.update({ where: { id: conversationId }, data, select: { id: true } });
    return writeSystemMessages(tx, conversationId, actorId, entries);
  });
  return outcome(result, await systemMessageEvents(conversationId, messageIds, await memberIdsOf(conversationId)));
});

/** Changes the group's settings (admins only). */
export const updateGroupSettings = command(
  async (actorId: string, conversationId: string, input: GroupSettingsInput | Record<string, unknown>) => {
    const wanted = parseInput(groupSettingsInputSchema, input);
    const access = await requireGroup(actorId, conversationId);
    if (!access.isAdmin) throw new AppError("forbidden", "Only the group's admins can change its settings.");
    const settings: GroupSettings = { ...access.settings };
    const entries: SystemEntry[] = [];
    for (const setting of GROUP_SETTINGS) {
      const value = wanted[setting];
      if (value === undefined || value === settings[setting]) continue;
      settings[setting] = value;
      entries.push({ event: { kind: "settings", setting, on: value } });
    }
    if (entries.length === 0) return outcome(settings);
    const messageIds = await db.$transaction(async (tx) => {
      await tx.conversation.update({ where: { id: conversationId }, data: settings, select: { id: true } });
      return writeSystemMessages(tx, conversationId, actorId, entries);
    });
    return outcome(settings, await systemMessageEvents(conversationId, messageIds, await memberIdsOf(conversationId)));
  },
);

/** Deletes the group for everyone (admins only): its messages, states and the rest cascade with it. */
export const deleteGroup = command(async (actorId: string, conversationId: string) => {
  const access = await requireGroup(actorId, conversationId);
  if (!access.isAdmin) throw new AppError("forbidden", "Only the group's admins can delete it.");
  const [memberIds, archivedBy, icon] = await Promise.all([
    memberIdsOf(conversationId),
    db.conversationMemberState.findMany({ where: { conversationId, archivedAt: { not: null } }, select: { userId: true } }),
    db.conversation.findUnique({ where: { id: conversationId }, select: { iconKey: true } }),
  ]);
  await db.conversation.delete({ where: { id: conversationId }, select: { id: true } });
  await forgetGroupIcon(icon?.iconKey); // its file and upload record go with it
  const cleared = { pinnedAt: null, mutedUntil: null, archivedAt: null };
  return outcome(
    { deleted: true as const },
    [
      { channels: memberIds.map(userChannel), event: CONVERSATION_EVENTS.conversationRemove, payload: { id: conversationId } },
      // Whoever had it in their Archived folder gets the folder's new count.
      ...(await Promise.all(archivedBy.map(({ userId }) => listStateEvent(userId, conversationId, cleared)))),
    ],
    { endRealtimeAccessOf: memberIds },
  );
});
