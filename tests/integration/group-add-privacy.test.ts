// "Who can add me to groups" (issue 15, lib/chat/group-invitations), on the real database: with
// mine on "contacts", an add by someone who is not my contact — creating a group or adding members —
// becomes an invitation (an event on my user channel, listed in my requests inbox) instead of a
// membership; a contact adds me directly; accepting joins the group ("Ben joined"), declining
// does not; only I can answer, once; expired and duplicate invitations; blocked people never add
// nor invite me.
import { afterAll, describe, expect, it } from "vitest";
import { setBlocked } from "@/lib/chat/blocks/operations";
import { contactsOverview } from "@/lib/chat/contacts/reads";
import { createGroup } from "@/lib/chat/conversations/operations";
import { listConversations } from "@/lib/chat/conversations/reads";
import { addMembers } from "@/lib/chat/group-admin/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { respondToGroupInvitation } from "@/lib/chat/group-invitations/operations";
import { invitationNotice } from "@/lib/chat/group-invitations/words";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS } from "@/lib/realtime/events";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const isMember = async (userId: string, conversationId: string) =>
  (await db.conversation.count({ where: { id: conversationId, users: { some: { id: userId } } } })) === 1;
const befriend = (a: string, b: string) =>
  db.contact.createMany({
    data: [
      { ownerId: a, contactId: b },
      { ownerId: b, contactId: a },
    ],
  });
const invitationsOf = async (userId: string) => (await contactsOverview(userId)).groupInvitations;

async function people(prefix: string) {
  const [ana, ben, cal, dee] = await makeUsers(4, prefix);
  await setPrivacy(ben!.id, { groupAdd: "contacts" });
  return { ana: ana!, ben: ben!, cal: cal!, dee: dee! };
}

describe("who can add me to groups", () => {
  it("turns a non-contact's group creation into an invitation, live on my channel and in my inbox", async () => {
    const { ana, ben, cal } = await people("GAddCreate");
    const created = await createGroup.run(ana.id, { name: "Hike", memberIds: [ben.id, cal.id] });
    expect(created.result.invited).toEqual([{ id: ben.id, name: ben.name }]);
    expect(invitationNotice(created.result.invited!)).toBe(`${ben.name} only accepts group adds from contacts: an invitation was sent.`);
    expect(
      invitationNotice([
        { id: ben.id, name: "Ben" },
        { id: cal.id, name: null },
        { id: ana.id, name: "Ana" },
      ]),
    ).toBe("Ben, Parley user and Ana only accept group adds from contacts: invitations were sent.");
    expect(invitationNotice([])).toBeNull();
    expect(created.result.members.map((m) => m.id).sort()).toEqual([ana.id, cal.id].sort());
    expect(await isMember(ben.id, created.result.id)).toBe(false);
    const invitedEvent = created.events.find((e) => e.event === EVENTS.groupInvitationsChanged);
    expect(invitedEvent).toMatchObject({ channels: [userChannel(ben.id)], payload: { change: "invited" } });
    // Ben is not told of the conversation itself.
    const newFor = created.events.filter((e) => e.event === EVENTS.conversationNew).flatMap((e) => [e.channels].flat());
    expect(newFor).not.toContain(userChannel(ben.id));

    const [invitation] = await invitationsOf(ben.id);
    expect(invitation).toMatchObject({
      status: "pending",
      group: { id: created.result.id, name: "Hike", memberCount: 2 },
      inviter: { id: ana.id, name: ana.name },
    });
    // Nobody else sees it.
    expect(await invitationsOf(cal.id)).toEqual([]);
  });

  it("a contact adds me directly; an admin's add of a non-contact becomes an invitation, once", async () => {
    const { ana, ben, cal, dee } = await people("GAddAdd");
    await befriend(ben.id, cal.id);
    const byContact = await createGroup(cal.id, { name: "Friends", memberIds: [ben.id, dee.id] });
    expect(byContact.invited).toBeUndefined();
    expect(await isMember(ben.id, byContact.id)).toBe(true);

    const group = await createGroup(ana.id, { name: "Work", memberIds: [cal.id, dee.id] });
    const added = await addMembers.run(ana.id, group.id, { userIds: [ben.id] });
    expect(added.result).toEqual({ memberIds: [ana.id, cal.id, dee.id].sort(), invited: [{ id: ben.id, name: ben.name }] });
    // Plus the invitee's notification center entry (issue 16, tests/integration/notification-center.test.ts).
    expect(added.events.map((e) => e.event)).toEqual([EVENTS.groupInvitationsChanged, EVENTS.notificationNew]);
    expect(await isMember(ben.id, group.id)).toBe(false);
    // Added again while it is pending: the same invitation, no second notice to Ben.
    const again = await addMembers.run(ana.id, group.id, { userIds: [ben.id] });
    expect(again.result.invited).toEqual([{ id: ben.id, name: ben.name }]);
    expect(again.events).toEqual([]);
    expect(await db.groupInvitation.count({ where: { conversationId: group.id, inviteeId: ben.id } })).toBe(1);
  });

  it("accepting joins the group with a system message; only the invitee answers, and only once", async () => {
    const { ana, ben, cal } = await people("GAddAccept");
    const group = await createGroup(ana.id, { name: "Accept", memberIds: [ben.id, cal.id] });
    const [invitation] = await invitationsOf(ben.id);
    const notFound = { status: 404 };
    await expect(respondToGroupInvitation(ana.id, invitation!.id, { accept: true })).rejects.toMatchObject(notFound);
    await expect(respondToGroupInvitation(cal.id, invitation!.id, { accept: true })).rejects.toMatchObject(notFound);
    await expect(respondToGroupInvitation(ben.id, "not-an-id", { accept: true })).rejects.toMatchObject(notFound);
    await expect(respondToGroupInvitation(ben.id, invitation!.id, { accept: "yes" })).rejects.toMatchObject({ status: 400 });

    const accepted = await respondToGroupInvitation.run(ben.id, invitation!.id, { accept: true });
    expect(accepted.result).toEqual({ invitationId: invitation!.id, status: "accepted", conversationId: group.id, joined: true });
    expect(await isMember(ben.id, group.id)).toBe(true);
    const newFor = accepted.events.filter((e) => e.event === EVENTS.conversationNew).flatMap((e) => [e.channels].flat());
    expect(newFor).toEqual([userChannel(ben.id)]);
    expect((await listConversations(ben.id)).conversations.map((c) => c.id)).toContain(group.id);
    const [system] = (await listMessages(ana.id, group.id)).messages;
    expect(system).toMatchObject({ sender: { id: ben.id }, system: { kind: "accepted", target: { id: ben.id } } });
    expect(await invitationsOf(ben.id)).toEqual([]);

    await expect(respondToGroupInvitation(ben.id, invitation!.id, { accept: false })).rejects.toMatchObject({ status: 409 });
  });

  it("declining leaves me out, and a new add after it makes a new invitation", async () => {
    const { ana, ben, cal } = await people("GAddDecline");
    const group = await createGroup(ana.id, { name: "Decline", memberIds: [ben.id, cal.id] });
    const [invitation] = await invitationsOf(ben.id);
    const declined = await respondToGroupInvitation.run(ben.id, invitation!.id, { accept: false });
    expect(declined.result).toMatchObject({ status: "declined", joined: false });
    expect(declined.events.filter((e) => e.event !== EVENTS.notificationRead)).toEqual([
      { channels: [userChannel(ben.id)], event: EVENTS.groupInvitationsChanged, payload: { change: "declined" } },
    ]);
    expect(await isMember(ben.id, group.id)).toBe(false);
    expect(await invitationsOf(ben.id)).toEqual([]);
    await expect(respondToGroupInvitation(ben.id, invitation!.id, { accept: true })).rejects.toMatchObject({ status: 409 });

    await addMembers(ana.id, group.id, { userIds: [ben.id] });
    expect(await invitationsOf(ben.id)).toHaveLength(1);
  });

  it("an expired invitation is not listed, cannot be accepted, and a new add replaces it", async () => {
    const { ana, ben, cal } = await people("GAddExpire");
    const group = await createGroup(ana.id, { name: "Expire", memberIds: [ben.id, cal.id] });
    const row = await db.groupInvitation.findFirstOrThrow({ where: { conversationId: group.id, inviteeId: ben.id } });
    await db.groupInvitation.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await invitationsOf(ben.id)).toEqual([]);
    await expect(respondToGroupInvitation(ben.id, row.id, { accept: true })).rejects.toMatchObject({
      status: 409,
      message: "This invitation has expired.",
    });
    expect(await isMember(ben.id, group.id)).toBe(false);
    expect((await db.groupInvitation.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("expired");

    const again = await addMembers.run(ana.id, group.id, { userIds: [ben.id] });
    expect(again.events.map((e) => e.event)).toEqual([EVENTS.groupInvitationsChanged, EVENTS.notificationNew]);
    const [fresh] = await invitationsOf(ben.id);
    expect(fresh!.id).not.toBe(row.id);
  });

  it("blocked people can neither add nor invite me; a block since the invitation hides it and refuses accepting", async () => {
    const { ana, ben, cal, dee } = await people("GAddBlock");
    await setBlocked(ben.id, { userId: dee.id, blocked: true });
    await expect(createGroup(dee.id, { name: "Nope", memberIds: [ben.id, cal.id] })).rejects.toMatchObject({ status: 400 });
    const group = await createGroup(dee.id, { name: "Later", memberIds: [ana.id, cal.id] });
    await expect(addMembers(dee.id, group.id, { userIds: [ben.id] })).rejects.toMatchObject({ status: 400 });
    expect(await db.groupInvitation.count({ where: { inviteeId: ben.id } })).toBe(0);

    const other = await createGroup(ana.id, { name: "Blocked since", memberIds: [ben.id, cal.id] });
    const [invitation] = await invitationsOf(ben.id);
    await setBlocked(ben.id, { userId: ana.id, blocked: true });
    expect(await invitationsOf(ben.id)).toEqual([]);
    await expect(respondToGroupInvitation(ben.id, invitation!.id, { accept: true })).rejects.toMatchObject({ status: 403 });
    expect(await isMember(ben.id, other.id)).toBe(false);
  });

  it("the group's deletion takes its invitations with it", async () => {
    const { ana, ben, cal } = await people("GAddCascade");
    const group = await createGroup(ana.id, { name: "Gone", memberIds: [ben.id, cal.id] });
    expect(await db.groupInvitation.count({ where: { conversationId: group.id } })).toBe(1);
    await db.conversation.delete({ where: { id: group.id } });
    expect(await db.groupInvitation.count({ where: { conversationId: group.id } })).toBe(0);
  });
});
