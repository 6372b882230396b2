// Group admin (issue 15, lib/chat/group-admin/), on the real embedded database: who may add and
// remove members, make and dismiss admins, rename, describe, change the settings and delete a
// group; "only admins can send" in the send path; the system messages each change writes; and a
// removed member's access ending at once (a real pusher-js client).
import type PusherJs from "pusher-js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setBlocked } from "@/lib/chat/blocks/operations";
import { createGroup } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { systemText, type SystemEvent } from "@/lib/chat/group-admin/dto";
import { ADMINS_ONLY_SEND_MESSAGE } from "@/lib/chat/group-admin/limits";
import {
  CANNOT_ADD_MESSAGE,
  addMembers,
  deleteGroup,
  removeMember,
  setMemberRole,
  updateGroupInfo,
  updateGroupSettings,
} from "@/lib/chat/group-admin/operations";
import { groupInfo } from "@/lib/chat/group-admin/reads";
import {
  INVITE_EXPIRED_MESSAGE,
  INVITE_INVALID_MESSAGE,
  INVITE_REFUSED_MESSAGE,
  INVITE_REVOKED_MESSAGE,
  INVITE_USED_UP_MESSAGE,
  createInvite,
  joinByInvite,
  listInvites,
  previewInvite,
  revokeInvite,
} from "@/lib/chat/group-admin/invites";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { leaveGroup } from "@/lib/chat/members/operations";
import { deleteMessage, reactToMessage } from "@/lib/chat/message-actions/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { sendMessage } from "@/lib/chat/messages/send";
import { db } from "@/lib/db/client";
import { conversationChannel, userChannel } from "@/lib/realtime/channels";
import { authorizeChannel } from "@/lib/realtime/authorize";
import { reconnectAfterRefusal } from "@/lib/realtime/client";
import { EVENTS } from "@/lib/realtime/events";
import { appRealtimeClients, nextOutcome, subscribe, waitFor } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

const realtime = appRealtimeClients();
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  realtime.disconnectAll();
});
afterAll(() => db.$disconnect());

const id = () => newMessageId("postgresql");
const send = (actorId: string, conversationId: string, body: string) => sendMessage(actorId, conversationId, { id: id(), body });
const forbidden = (message?: string | RegExp) => ({ code: "forbidden", status: 403, ...(message ? { message } : {}) });
const notFound = { code: "not_found", status: 404 };

/** Ana creates a group with Ben and Cal; Dee is outside it. */
async function group(prefix = "Grp") {
  const [ana, ben, cal, dee] = await makeUsers(4, prefix);
  const summary = await createGroup(ana!.id, { name: `${prefix} group`, memberIds: [ben!.id, cal!.id] });
  return { ana: ana!, ben: ben!, cal: cal!, dee: dee!, groupId: summary.id };
}

/** The system messages of a group as `viewerId` sees them, oldest first, worded for them. */
async function notices(viewerId: string, groupId: string): Promise<string[]> {
  const page = await listMessages(viewerId, groupId);
  return page.messages
    .filter((m) => m.system)
    .reverse()
    .map((m) => systemText(m.system as SystemEvent, m.sender, viewerId));
}

const memberIds = async (groupId: string) =>
  (await db.conversation.findUniqueOrThrow({ where: { id: groupId }, select: { users: { select: { id: true } } } })).users
    .map((u) => u.id)
    .sort();

describe("group admin: who may do what", () => {
  it("refuses a plain member (403) every admin operation, and a non-member (404) everything", async () => {
    const { ana, ben, cal, dee, groupId } = await group("GrpDeny");
    await expect(removeMember(ben.id, groupId, { userId: cal.id })).rejects.toMatchObject(
      forbidden("Only the group's admins can remove members."),
    );
    await expect(setMemberRole(ben.id, groupId, { userId: ben.id, role: "admin" })).rejects.toMatchObject(forbidden());
    await expect(updateGroupSettings(ben.id, groupId, { adminsOnlySend: true })).rejects.toMatchObject(forbidden());
    await expect(deleteGroup(ben.id, groupId)).rejects.toMatchObject(forbidden("Only the group's admins can delete it."));
    await expect(addMembers(ben.id, groupId, { userIds: [dee.id] })).rejects.toMatchObject(
      forbidden("Only the group's admins can add people."),
    );
    for (const call of [
      () => removeMember(dee.id, groupId, { userId: cal.id }),
      () => setMemberRole(dee.id, groupId, { userId: dee.id, role: "admin" }),
      () => updateGroupInfo(dee.id, groupId, { name: "Mine now" }),
      () => updateGroupSettings(dee.id, groupId, { adminsOnlySend: true }),
      () => addMembers(dee.id, groupId, { userIds: [dee.id] }),
      () => deleteGroup(dee.id, groupId),
      () => groupInfo(dee.id, groupId),
    ]) {
      await expect(call()).rejects.toMatchObject(notFound);
    }
    // Nothing changed.
    expect(await memberIds(groupId)).toEqual([ana.id, ben.id, cal.id].sort());
    expect(await db.conversationMemberState.count({ where: { conversationId: groupId, role: "admin" } })).toBe(1);
    expect(await db.message.count({ where: { conversationId: groupId } })).toBe(0);
  });

  it("shows the info panel to members: creator, settings, members with roles and joined dates", async () => {
    const { ana, ben, groupId } = await group("GrpInfo");
    const info = await groupInfo(ben.id, groupId);
    expect(info).toMatchObject({
      name: "GrpInfo group",
      description: null,
      createdBy: { id: ana.id, name: ana.name },
      settings: { adminsOnlyInfo: false, adminsOnlySend: false, membersCanAdd: false },
      myRole: "member",
      canEditInfo: true,
      canAddMembers: false,
    });
    expect(info.members[0]).toMatchObject({ id: ana.id, role: "admin", creator: true });
    expect(info.members).toHaveLength(3);
    expect(info.members.every((m) => !Number.isNaN(Date.parse(m.joinedAt)))).toBe(true);
    expect(JSON.stringify(info)).not.toMatch(/@/); // no e-mail anywhere
  });
});

describe("adding members", () => {
  it("lets an admin add people (they see the group and its history), with an 'added' notice; members only when allowed", async () => {
    const { ana, ben, cal, dee, groupId } = await group("GrpAdd");
    await send(ben.id, groupId, "before Dee");
    expect(await addMembers(ana.id, groupId, { userIds: [dee.id] })).toEqual({ memberIds: [ana.id, ben.id, cal.id, dee.id].sort() });
    expect((await listConversations(dee.id)).conversations.map((c) => c.id)).toContain(groupId);
    expect(await notices(dee.id, groupId)).toEqual([`${ana.name} added you`]);
    expect(await notices(ana.id, groupId)).toEqual([`You added ${dee.name}`]);
    expect((await listMessages(dee.id, groupId)).messages.some((m) => m.body === "before Dee")).toBe(true);
    await send(dee.id, groupId, "hi all");

    // Already a member: nothing to do (400). A plain member may add only when the group allows it.
    await expect(addMembers(ana.id, groupId, { userIds: [dee.id] })).rejects.toMatchObject({ status: 400 });
    const [eve] = await makeUsers(1, "GrpAddEve");
    await expect(addMembers(ben.id, groupId, { userIds: [eve!.id] })).rejects.toMatchObject(forbidden());
    await updateGroupSettings(ana.id, groupId, { membersCanAdd: true });
    await addMembers(ben.id, groupId, { userIds: [eve!.id] });
    expect(await memberIds(groupId)).toContain(eve!.id);
  });

  it("never adds someone blocked by or blocking the adder, a deleted account or an unknown id (one neutral 400)", async () => {
    const { ana, groupId } = await group("GrpAddBlock");
    const [blockedByAna, blocksAna, deleted] = await makeUsers(3, "GrpAddBlk");
    await setBlocked(ana.id, { userId: blockedByAna!.id, blocked: true });
    await setBlocked(blocksAna!.id, { userId: ana.id, blocked: true });
    await db.user.update({ where: { id: deleted!.id }, data: { deletedAt: new Date() } });
    const neutral = { code: "bad_request", status: 400, message: CANNOT_ADD_MESSAGE };
    for (const userId of [blockedByAna!.id, blocksAna!.id, deleted!.id, newMessageId("postgresql")]) {
      await expect(addMembers(ana.id, groupId, { userIds: [userId] })).rejects.toMatchObject(neutral);
    }
    expect(CANNOT_ADD_MESSAGE).not.toMatch(/block/i);
    expect((await memberIds(groupId)).length).toBe(3);
  });
});

describe("removing members", () => {
  it("removes a member at once: they can no longer read, send or subscribe; others see 'Ana removed Cal'", async () => {
    const { ana, ben, cal, groupId } = await group("GrpRemove");
    await send(cal.id, groupId, "still here");
    expect(await removeMember(ana.id, groupId, { userId: cal.id })).toEqual({ memberIds: [ana.id, ben.id].sort() });
    await expect(listMessages(cal.id, groupId)).rejects.toMatchObject(notFound);
    await expect(send(cal.id, groupId, "let me back")).rejects.toMatchObject(notFound);
    await expect(getConversation(cal.id, groupId)).rejects.toMatchObject(notFound);
    await expect(authorizeChannel(cal.id, { socket_id: "123.456", channel_name: conversationChannel(groupId) })).rejects.toMatchObject({
      status: 403,
    });
    expect((await listConversations(cal.id)).conversations.map((c) => c.id)).not.toContain(groupId);
    expect(await notices(ben.id, groupId)).toEqual([`${ana.name} removed ${cal.name}`]);
    // Their messages stay for the others.
    expect((await listMessages(ben.id, groupId)).messages.some((m) => m.body === "still here")).toBe(true);
  });

  it("defines the edges: not myself (leave instead), not the creator, not a non-member; an admin may remove another admin", async () => {
    const { ana, ben, cal, dee, groupId } = await group("GrpRemoveEdge");
    await expect(removeMember(ana.id, groupId, { userId: ana.id })).rejects.toMatchObject({
      status: 400,
      message: "To leave the group, use Leave group.",
    });
    await expect(removeMember(ana.id, groupId, { userId: dee.id })).rejects.toMatchObject({ status: 404 });
    await setMemberRole(ana.id, groupId, { userId: ben.id, role: "admin" });
    await expect(removeMember(ben.id, groupId, { userId: ana.id })).rejects.toMatchObject(
      forbidden("The group's creator cannot be removed."),
    );
    await setMemberRole(ana.id, groupId, { userId: cal.id, role: "admin" });
    await removeMember(ben.id, groupId, { userId: cal.id });
    expect(await memberIds(groupId)).toEqual([ana.id, ben.id].sort());
  });

  it("ends the removed member's realtime access: conversation:remove, then the chat's channel is refused", async () => {
    const { ana, cal, groupId } = await group("GrpRemoveRt");
    const calClient: PusherJs = await realtime.connect(cal.id);
    stops.push(reconnectAfterRefusal(calClient, [50]));
    const inbox = await subscribe(calClient, userChannel(cal.id));
    const chat = await subscribe(calClient, conversationChannel(groupId));
    const removed = waitFor("conversation:remove", (resolve) => inbox.bind(EVENTS.conversationRemove, resolve));
    const chatRefused = nextOutcome(chat);
    await removeMember(ana.id, groupId, { userId: cal.id });
    expect(await removed).toEqual({ id: groupId });
    expect(await chatRefused).toMatchObject({ ok: false });
  });
});

describe("admins", () => {
  it("makes and dismisses admins with notices; the last admin cannot be dismissed; the creator only by themself", async () => {
    const { ana, ben, cal, groupId } = await group("GrpRole");
    await expect(setMemberRole(ana.id, groupId, { userId: ana.id, role: "member" })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
      message: "A group needs at least one admin. Make someone else an admin first.",
    });
    await setMemberRole(ana.id, groupId, { userId: ben.id, role: "admin" });
    expect((await getConversation(ben.id, groupId)).myRole).toBe("admin");
    // Ben, now an admin, may do admin things, but not dismiss the creator.
    await expect(setMemberRole(ben.id, groupId, { userId: ana.id, role: "member" })).rejects.toMatchObject(
      forbidden("The group's creator cannot be dismissed as admin."),
    );
    await setMemberRole(ben.id, groupId, { userId: cal.id, role: "admin" });
    await setMemberRole(ana.id, groupId, { userId: cal.id, role: "member" });
    // The creator may step down while another admin remains; then Ben is the last admin.
    await setMemberRole(ana.id, groupId, { userId: ana.id, role: "member" });
    await expect(setMemberRole(ben.id, groupId, { userId: ben.id, role: "member" })).rejects.toMatchObject({ status: 409 });
    await expect(removeMember(ana.id, groupId, { userId: cal.id })).rejects.toMatchObject(forbidden());
    expect(await notices(cal.id, groupId)).toEqual([
      `${ana.name} made ${ben.name} an admin`,
      `${ben.name} made you an admin`,
      `${ana.name} dismissed you as admin`,
      `${ana.name} dismissed ${ana.name} as admin`,
    ]);
  });

  it("leaving writes 'Ben left'; the last admin leaving still promotes the longest-standing member", async () => {
    const { ana, ben, cal, groupId } = await group("GrpLeave");
    await leaveGroup(ben.id, groupId);
    await leaveGroup(ana.id, groupId);
    expect((await getConversation(cal.id, groupId)).myRole).toBe("admin");
    expect(await notices(cal.id, groupId)).toEqual([`${ben.name} left`, `${ana.name} left`]);
  });
});

describe("group info and settings", () => {
  it("renames and describes (anyone by default, admins only when restricted), with notices and the summary following", async () => {
    const { ana, ben, groupId } = await group("GrpRename");
    expect(await updateGroupInfo(ben.id, groupId, { name: "  Weekend  ", description: "Plans for Saturday" })).toEqual({
      name: "Weekend",
      description: "Plans for Saturday",
    });
    expect(await getConversation(ana.id, groupId)).toMatchObject({ name: "Weekend", description: "Plans for Saturday" });
    // No change: no notice.
    await updateGroupInfo(ben.id, groupId, { name: "Weekend" });
    await updateGroupSettings(ana.id, groupId, { adminsOnlyInfo: true });
    await expect(updateGroupInfo(ben.id, groupId, { name: "Ben's group" })).rejects.toMatchObject(
      forbidden("Only the group's admins can edit its info."),
    );
    await updateGroupInfo(ana.id, groupId, { description: "" });
    expect((await getConversation(ben.id, groupId)).description).toBeNull();
    expect((await getConversation(ben.id, groupId)).settings).toEqual({
      adminsOnlyInfo: true,
      adminsOnlySend: false,
      membersCanAdd: false,
    });
    expect(await notices(ben.id, groupId)).toEqual([
      "You renamed the group to “Weekend”",
      "You changed the group description",
      `${ana.name} allowed only admins to edit the group info`,
      `${ana.name} removed the group description`,
    ]);
    await expect(updateGroupInfo(ana.id, groupId, { name: "" })).rejects.toMatchObject({ status: 400 });
    await expect(updateGroupInfo(ana.id, groupId, { description: "x".repeat(501) })).rejects.toMatchObject({ status: 400 });
    await expect(updateGroupInfo(ana.id, groupId, {})).rejects.toMatchObject({ status: 400 });
  });

  it("only admins send when the group says so: a member's send is a 403 with a clear message, an admin's goes", async () => {
    const { ana, ben, groupId } = await group("GrpSend");
    await updateGroupSettings(ana.id, groupId, { adminsOnlySend: true });
    await expect(send(ben.id, groupId, "may I?")).rejects.toMatchObject(forbidden(ADMINS_ONLY_SEND_MESSAGE));
    await send(ana.id, groupId, "announcement");
    // Archived or not, the rule holds (the check shares the send's member-state read).
    await db.conversationMemberState.updateMany({ where: { conversationId: groupId, userId: ben.id }, data: { archivedAt: new Date() } });
    await expect(send(ben.id, groupId, "still no")).rejects.toMatchObject(forbidden(ADMINS_ONLY_SEND_MESSAGE));
    await setMemberRole(ana.id, groupId, { userId: ben.id, role: "admin" });
    await send(ben.id, groupId, "now I can");
    await updateGroupSettings(ana.id, groupId, { adminsOnlySend: false });
    await setMemberRole(ana.id, groupId, { userId: ben.id, role: "member" });
    await send(ben.id, groupId, "everyone can");
    expect(await db.message.count({ where: { conversationId: groupId, body: { not: null } } })).toBe(3);
  });

  it("deletes the group for everyone (admins only): members lose it and everything in it cascades", async () => {
    const { ana, ben, groupId } = await group("GrpDelete");
    await send(ben.id, groupId, "bye");
    await expect(deleteGroup(ben.id, groupId)).rejects.toMatchObject(forbidden());
    expect(await deleteGroup(ana.id, groupId)).toEqual({ deleted: true });
    expect(await db.conversation.count({ where: { id: groupId } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: groupId } })).toBe(0);
    expect(await db.conversationMemberState.count({ where: { conversationId: groupId } })).toBe(0);
    await expect(listMessages(ben.id, groupId)).rejects.toMatchObject(notFound);
  });
});

describe("system messages", () => {
  it("are not unread for whoever did it, are for the others, read well in the list and obey delete-for-me", async () => {
    const { ana, ben, dee, groupId } = await group("GrpSys");
    await addMembers(ana.id, groupId, { userIds: [dee.id] });
    const mine = (await listConversations(ana.id)).conversations.find((c) => c.id === groupId)!;
    const bens = (await listConversations(ben.id)).conversations.find((c) => c.id === groupId)!;
    expect(mine.unreadCount).toBe(0);
    expect(bens.unreadCount).toBe(1);
    expect(bens.lastMessage).toMatchObject({ senderId: ana.id, body: null, system: { kind: "added", target: { id: dee.id } } });
    expect(systemText(bens.lastMessage!.system!, { id: ana.id, name: ana.name }, ben.id)).toBe(`${ana.name} added ${dee.name}`);

    // Delete for me hides it like any message; every other action refuses it.
    const notice = (await listMessages(ben.id, groupId)).messages.find((m) => m.system)!;
    await expect(reactToMessage(ben.id, notice.id, { emoji: "👍" })).rejects.toMatchObject({ status: 400 });
    await expect(deleteMessage(ana.id, notice.id, { scope: "everyone" })).rejects.toMatchObject({ status: 400 });
    await deleteMessage(ben.id, notice.id, { scope: "me" });
    expect(await notices(ben.id, groupId)).toEqual([]);
    expect(await notices(ana.id, groupId)).toHaveLength(1);
  });

  it("respect the history cut-off: a notice at or before my historyFrom is not shown to me", async () => {
    const { ana, ben, cal, groupId } = await group("GrpSysCut");
    await updateGroupInfo(ana.id, groupId, { name: "Old name" });
    await db.conversationMemberState.updateMany({ where: { conversationId: groupId, userId: ben.id }, data: { historyFrom: new Date() } });
    await updateGroupInfo(ana.id, groupId, { name: "New name" });
    expect(await notices(ben.id, groupId)).toEqual([`${ana.name} renamed the group to “New name”`]);
    expect(await notices(cal.id, groupId)).toHaveLength(2);
  });
});

describe("invite links", () => {
  it("an admin creates, lists and revokes links; a plain member cannot (403), a non-member 404", async () => {
    const { ana, ben, dee, groupId } = await group("GrpInv");
    const link = await createInvite(ana.id, groupId, { expiresInHours: 24, maxUses: 5 });
    expect(link).toMatchObject({ maxUses: 5, uses: 0 });
    expect(Date.parse(link.expiresAt!) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await listInvites(ana.id, groupId)).map((i) => i.id)).toEqual([link.id]);
    await expect(createInvite(ben.id, groupId, {})).rejects.toMatchObject(forbidden("Only the group's admins can create invite links."));
    await expect(listInvites(ben.id, groupId)).rejects.toMatchObject(forbidden());
    await expect(revokeInvite(ben.id, groupId, link.id)).rejects.toMatchObject(forbidden());
    await expect(createInvite(dee.id, groupId, {})).rejects.toMatchObject(notFound);
    await expect(createInvite(ana.id, groupId, { expiresInHours: 5 })).rejects.toMatchObject({ status: 400 });
    await expect(createInvite(ana.id, groupId, { maxUses: 0 })).rejects.toMatchObject({ status: 400 });
    await revokeInvite(ana.id, groupId, link.id);
    expect(await listInvites(ana.id, groupId)).toEqual([]);
    await expect(previewInvite(dee.id, link.token)).rejects.toMatchObject({ status: 404, message: INVITE_REVOKED_MESSAGE });
    await expect(joinByInvite(dee.id, link.token)).rejects.toMatchObject({ status: 404, message: INVITE_REVOKED_MESSAGE });
  });

  it("previews name, description and member count (no members), then joins with a 'joined' notice", async () => {
    const { ana, ben, dee, groupId } = await group("GrpInvJoin");
    await updateGroupInfo(ana.id, groupId, { description: "Weekly climbs" });
    const link = await createInvite(ana.id, groupId, {});
    const preview = await previewInvite(dee.id, link.token);
    expect(preview).toEqual({ token: link.token, name: "GrpInvJoin group", description: "Weekly climbs", memberCount: 3, icon: null });
    expect(await joinByInvite(dee.id, link.token)).toEqual({ conversationId: groupId, joined: true });
    expect(await joinByInvite(dee.id, link.token)).toEqual({ conversationId: groupId, joined: false });
    expect((await listConversations(dee.id)).conversations.map((c) => c.id)).toContain(groupId);
    expect((await previewInvite(dee.id, link.token)).conversationId).toBe(groupId);
    expect((await notices(ben.id, groupId)).at(-1)).toBe(`${dee.name} joined using an invite link`);
    expect((await listInvites(ana.id, groupId))[0]!.uses).toBe(1);
    await expect(previewInvite(dee.id, "not-a-real-invite-token-at-all")).rejects.toMatchObject({
      status: 404,
      message: INVITE_INVALID_MESSAGE,
    });
  });

  it("refuses an expired link, a used-up link (even under concurrent joins) and a blocked pair", async () => {
    const { ana, groupId } = await group("GrpInvLimits");
    const [p1, p2, p3, p4, blocker] = await makeUsers(5, "GrpInvUser");
    const expired = await createInvite(ana.id, groupId, { expiresInHours: 1 });
    await db.groupInvite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(joinByInvite(p1!.id, expired.token)).rejects.toMatchObject({ status: 404, message: INVITE_EXPIRED_MESSAGE });

    const once = await createInvite(ana.id, groupId, { maxUses: 2 });
    const results = await Promise.allSettled([p1, p2, p3, p4].map((p) => joinByInvite(p!.id, once.token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.message)).toEqual([
      INVITE_USED_UP_MESSAGE,
      INVITE_USED_UP_MESSAGE,
    ]);
    expect((await memberIds(groupId)).length).toBe(5);

    const open = await createInvite(ana.id, groupId, {});
    await setBlocked(blocker!.id, { userId: ana.id, blocked: true });
    await expect(joinByInvite(blocker!.id, open.token)).rejects.toMatchObject(forbidden(INVITE_REFUSED_MESSAGE));
    expect(INVITE_REFUSED_MESSAGE).not.toMatch(/block/i);
  });

  it("go with their group (cascade)", async () => {
    const { ana, groupId } = await group("GrpInvCascade");
    await createInvite(ana.id, groupId, {});
    await deleteGroup(ana.id, groupId);
    expect(await db.groupInvite.count({ where: { conversationId: groupId } })).toBe(0);
  });
});
