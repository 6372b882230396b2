// Contacts and contact requests (issue 15, lib/chat/contacts/), on the real database: the request
// lifecycle (pending → accepted / declined / cancelled), who may do what (only the receiver settles,
// only the sender cancels: anyone else gets 404), one open request per pair, blocked pairs cannot
// request, removing a contact, contacts found by name in people search, both users told live, and
// the rows cascading with a user.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setBlocked } from "@/lib/chat/blocks/operations";
import {
  cancelContactRequest,
  isContact,
  removeContact,
  respondToContactRequest,
  sendContactRequest,
} from "@/lib/chat/contacts/operations";
import { contactsOverview } from "@/lib/chat/contacts/reads";
import { searchUsers } from "@/lib/chat/people/search";
import { db } from "@/lib/db/client";
import { userChannel } from "@/lib/realtime/channels";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { newId } from "@/tests/security/support";

afterAll(() => db.$disconnect());
const realtime = appRealtimeClients(4000);
afterEach(() => realtime.disconnectAll());

async function pair(prefix = "Contact") {
  const [me, them, other] = await makeUsers(3, prefix);
  return { me: me!, them: them!, other: other! };
}

describe("contact requests", () => {
  it("goes pending → accepted: both see it in their inbox/outbox, then each other as contacts; both are told", async () => {
    const { me, them } = await pair();
    const sent = await sendContactRequest.run(me.id, { userId: them.id });
    expect(sent.result.status).toBe("pending");
    // Plus their notification center entry (issue 16, tests/integration/notification-center.test.ts).
    expect(sent.events.filter((e) => e.event !== "notification:new")).toEqual([
      { channels: [userChannel(me.id), userChannel(them.id)], event: "contacts:changed", payload: { change: "pending" } },
    ]);
    const theirs = await contactsOverview(them.id);
    expect(theirs.incoming.map((r) => [r.id, r.user.id, r.status])).toEqual([[sent.result.id, me.id, "pending"]]);
    expect(theirs.contacts).toEqual([]);
    expect((await contactsOverview(me.id)).outgoing.map((r) => r.user.id)).toEqual([them.id]);
    // Sending again while it is pending returns the same request and tells nobody.
    const again = await sendContactRequest.run(me.id, { userId: them.id });
    expect(again.result).toEqual({ id: sent.result.id, status: "pending" });
    expect(again.events).toEqual([]);

    const accepted = await respondToContactRequest.run(them.id, { requestId: sent.result.id, accept: true });
    expect(accepted.result).toEqual({ id: sent.result.id, status: "accepted" });
    expect(accepted.events[0]!.channels).toEqual([userChannel(them.id), userChannel(me.id)]);
    expect(await isContact(me.id, them.id)).toBe(true);
    expect(await isContact(them.id, me.id)).toBe(true);
    const mine = await contactsOverview(me.id);
    expect(mine.contacts.map((c) => c.id)).toEqual([them.id]);
    expect(Object.keys(mine.contacts[0]!).sort()).toEqual(["about", "id", "image", "name", "username"]);
    expect(mine.outgoing).toEqual([]);
    expect((await contactsOverview(them.id)).incoming).toEqual([]);
    // Already contacts: a new request is 409; settling the old one again is 404.
    await expect(sendContactRequest(me.id, { userId: them.id })).rejects.toMatchObject({ code: "conflict", status: 409 });
    await expect(respondToContactRequest(them.id, { requestId: sent.result.id, accept: true })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("declines and cancels, after which a new request may be sent", async () => {
    const { me, them } = await pair("Decline");
    const first = await sendContactRequest(me.id, { userId: them.id });
    expect(await respondToContactRequest(them.id, { requestId: first.id, accept: false })).toEqual({ id: first.id, status: "declined" });
    expect(await isContact(me.id, them.id)).toBe(false);
    expect((await contactsOverview(me.id)).outgoing).toEqual([]);
    const second = await sendContactRequest(me.id, { userId: them.id });
    expect(second.id).not.toBe(first.id);
    expect(await cancelContactRequest(me.id, { requestId: second.id })).toEqual({ id: second.id, status: "cancelled" });
    expect((await contactsOverview(them.id)).incoming).toEqual([]);
    await expect(respondToContactRequest(them.id, { requestId: second.id, accept: true })).rejects.toMatchObject({ code: "not_found" });
    const statuses = await db.contactRequest.findMany({
      where: { fromId: me.id },
      select: { status: true },
      orderBy: { createdAt: "asc" },
    });
    expect(statuses.map((r) => r.status)).toEqual(["declined", "cancelled"]);
  });

  it("lets only the receiver settle and only the sender cancel (404 for anyone else)", async () => {
    const { me, them, other } = await pair("Who");
    const { id } = await sendContactRequest(me.id, { userId: them.id });
    const notFound = { code: "not_found", status: 404 };
    await expect(respondToContactRequest(me.id, { requestId: id, accept: true })).rejects.toMatchObject(notFound);
    await expect(respondToContactRequest(other.id, { requestId: id, accept: true })).rejects.toMatchObject(notFound);
    await expect(cancelContactRequest(them.id, { requestId: id })).rejects.toMatchObject(notFound);
    await expect(cancelContactRequest(other.id, { requestId: id })).rejects.toMatchObject(notFound);
    await expect(respondToContactRequest(them.id, { requestId: newId(), accept: true })).rejects.toMatchObject(notFound);
    expect(await isContact(me.id, them.id)).toBe(false);
    expect((await db.contactRequest.findUnique({ where: { id }, select: { status: true } }))?.status).toBe("pending");
  });

  it("keeps one open request per pair: asking someone who already asked me accepts theirs", async () => {
    const { me, them } = await pair("Mutual");
    const theirs = await sendContactRequest(them.id, { userId: me.id });
    expect(await sendContactRequest(me.id, { userId: them.id })).toEqual({ id: theirs.id, status: "accepted" });
    expect(await isContact(me.id, them.id)).toBe(true);
    expect(await db.contactRequest.count({ where: { OR: [{ fromId: me.id }, { fromId: them.id }] } })).toBe(1);
  });

  it("refuses myself (400), unknown and deleted users (404), and bad input", async () => {
    const { me, them } = await pair("Refuse");
    await expect(sendContactRequest(me.id, { userId: me.id })).rejects.toMatchObject({ code: "bad_request" });
    await expect(sendContactRequest(me.id, { userId: newId() })).rejects.toMatchObject({ code: "not_found" });
    await db.user.update({ where: { id: them.id }, data: { deletedAt: new Date(), name: null } });
    await expect(sendContactRequest(me.id, { userId: them.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(sendContactRequest(me.id, { userId: "nope" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(respondToContactRequest(me.id, { requestId: newId(), accept: "yes" })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("blocking and contacts", () => {
  it("a blocked pair cannot request either way (the same neutral 404), and a pending request leaves the blocker's inbox", async () => {
    const { me, them, other } = await pair("Blocked");
    const pending = await sendContactRequest(them.id, { userId: me.id });
    await setBlocked(me.id, { userId: them.id, blocked: true });
    const unknown = { code: "not_found", message: "User not found." };
    await expect(sendContactRequest(them.id, { userId: me.id })).rejects.toMatchObject(unknown);
    await expect(sendContactRequest(me.id, { userId: them.id })).rejects.toMatchObject(unknown);
    expect((await contactsOverview(me.id)).incoming).toEqual([]);
    await expect(respondToContactRequest(me.id, { requestId: pending.id, accept: true })).rejects.toMatchObject({ code: "not_found" });
    // Silent: the sender still sees it pending.
    expect((await contactsOverview(them.id)).outgoing.map((r) => r.id)).toEqual([pending.id]);
    // Others are not affected.
    expect((await sendContactRequest(other.id, { userId: me.id })).status).toBe("pending");
    await setBlocked(me.id, { userId: them.id, blocked: false });
    expect((await contactsOverview(me.id)).incoming.map((r) => r.user.id).sort()).toEqual([them.id, other.id].sort());
  });
});

describe("contacts", () => {
  it("are listed alphabetically, found by name in people search, and removed for both", async () => {
    const [me, zed, ann] = await makeUsers(3, "Alpha");
    await db.user.update({ where: { id: zed!.id }, data: { name: `zed ${zed!.name}` } });
    await db.user.update({ where: { id: ann!.id }, data: { name: `Ann ${ann!.name}` } });
    const inner = zed!.name!.slice(3, 12); // inside the name: a stranger is not found by it
    expect((await searchUsers(me!.id, { query: inner })).map((u) => u.id)).not.toContain(zed!.id);
    for (const user of [zed!, ann!]) {
      const { id } = await sendContactRequest(me!.id, { userId: user.id });
      await respondToContactRequest(user.id, { requestId: id, accept: true });
    }
    expect((await contactsOverview(me!.id)).contacts.map((c) => c.id)).toEqual([ann!.id, zed!.id]);
    expect((await searchUsers(me!.id, { query: inner })).map((u) => u.id)).toContain(zed!.id);

    const removed = await removeContact.run(zed!.id, { userId: me!.id });
    expect(removed.events[0]!.channels).toEqual([userChannel(zed!.id), userChannel(me!.id)]);
    expect(await isContact(me!.id, zed!.id)).toBe(false);
    expect(await isContact(zed!.id, me!.id)).toBe(false);
    expect((await contactsOverview(me!.id)).contacts.map((c) => c.id)).toEqual([ann!.id]);
    await expect(removeContact(me!.id, { userId: zed!.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("cascade with a user: their contacts and requests go with them", async () => {
    const { me, them, other } = await pair("Cascade");
    const { id } = await sendContactRequest(me.id, { userId: them.id });
    await respondToContactRequest(them.id, { requestId: id, accept: true });
    await sendContactRequest(other.id, { userId: them.id });
    await db.user.delete({ where: { id: them.id } });
    expect(await db.contact.count({ where: { OR: [{ ownerId: them.id }, { contactId: them.id }] } })).toBe(0);
    expect(await db.contactRequest.count({ where: { OR: [{ fromId: them.id }, { toId: them.id }] } })).toBe(0);
    expect((await contactsOverview(me.id)).contacts).toEqual([]);
  });
});

describe("contacts live", () => {
  it("delivers contacts:changed to the receiver's real pusher-js client when a request arrives and when it is cancelled", async () => {
    const { me, them } = await pair("Live");
    const inbox = await subscribe(await realtime.connect(them.id), userChannel(them.id));
    const arrived = eventData(inbox, "contacts:changed");
    const { id } = await sendContactRequest(me.id, { userId: them.id });
    expect(await arrived).toEqual({ change: "pending" });
    const cancelled = eventData(inbox, "contacts:changed");
    await cancelContactRequest(me.id, { requestId: id });
    expect(await cancelled).toEqual({ change: "cancelled" });
  });
});
