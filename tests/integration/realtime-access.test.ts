// Realtime access ends with membership and with sessions (docs/SECURITY.md, "Realtime"): real
// pusher-js clients signed in through the real domain functions, against the embedded server of the
// global setup with its defaults (connections must be signed in as the user each authorization names).
import type PusherJs from "pusher-js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { setBlocked } from "@/lib/chat/blocks/operations";
import { removeContact, respondToContactRequest, sendContactRequest } from "@/lib/chat/contacts/operations";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { newMessageId } from "@/lib/chat/kernel/ids";
import { leaveGroup } from "@/lib/chat/members/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { db } from "@/lib/db/client";
import { conversationChannel, conversationPresenceChannel, userChannel } from "@/lib/realtime/channels";
import { authorizeChannel } from "@/lib/realtime/authorize";
import { reconnectAfterRefusal, watchForResync, type ChannelSigner } from "@/lib/realtime/client";
import { EVENTS } from "@/lib/realtime/events";
import { setPrivacy } from "@/lib/chat/privacy/operations";
import { appRealtimeClients, eventData, nextOutcome, subscribe, waitFor } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

const realtime = appRealtimeClients();
const connect = realtime.connect;
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  realtime.disconnectAll();
});
afterAll(() => db.$disconnect());

const stateChange = (client: PusherJs, state: string) =>
  waitFor(`state ${state}`, (resolve) => {
    const on = ({ current }: { current: string }) => {
      if (current !== state) return;
      client.connection.unbind("state_change", on);
      resolve(undefined);
    };
    client.connection.bind("state_change", on);
  });

const send = (actorId: string, conversationId: string, body: string) =>
  sendMessage(actorId, conversationId, { id: newMessageId("postgresql"), body });

describe("leaving a group", () => {
  it("ends the former member's connection; it reconnects, keeps its own channel, and is refused the group's", async () => {
    const [alice, bob, carol] = await makeUsers(3, "RtLeave");
    const group = await createGroup(alice!.id, { name: "Leavers", memberIds: [bob!.id, carol!.id] });
    const bobClient = await connect(bob!.id);
    stops.push(reconnectAfterRefusal(bobClient, [50]));
    const resyncs: string[] = [];
    stops.push(watchForResync(bobClient.connection, (reason) => resyncs.push(reason), undefined));
    const inbox = await subscribe(bobClient, userChannel(bob!.id));
    const chat = await subscribe(bobClient, conversationChannel(group.id));
    const presence = await subscribe(bobClient, conversationPresenceChannel(group.id));
    const firstSocket = bobClient.connection.socket_id;
    const received: string[] = [];
    chat.bind_global((event: string) => received.push(event));
    presence.bind_global((event: string) => received.push(event));

    const removed = waitFor("conversation:remove", (resolve) => inbox.bind(EVENTS.conversationRemove, resolve));
    const chatRefused = nextOutcome(chat);
    const inboxBack = nextOutcome(inbox);
    const terminated = stateChange(bobClient, "disconnected");
    await leaveGroup(bob!.id, group.id);
    await removed;
    await terminated;

    // pusher-js reconnects on a new socket, signs in again and re-authorizes every channel.
    expect(await inboxBack).toEqual({ ok: true });
    expect(await chatRefused).toMatchObject({ ok: false });
    expect(bobClient.connection.socket_id).not.toBe(firstSocket);
    expect(resyncs).toContain("reconnected");

    // Carol still gets the chat; Bob's socket gets nothing of it.
    const carolClient = await connect(carol!.id);
    const carolChat = await subscribe(carolClient, conversationChannel(group.id));
    const delivered = waitFor("carol's message:new", (resolve) => carolChat.bind(EVENTS.messageNew, resolve));
    received.length = 0;
    await send(alice!.id, group.id, "after bob left");
    await delivered;
    expect(received.filter((event) => !event.startsWith("pusher"))).toEqual([]);
  });
});

describe("blocking (issue 15)", () => {
  it("ends the blocked user's connection: the 1:1's presence is refused to both, and granted again on unblock", async () => {
    const [alice, bob] = await makeUsers(2, "RtBlock");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const channel = conversationPresenceChannel(conversation.id);
    const bobClient = await connect(bob!.id);
    stops.push(reconnectAfterRefusal(bobClient, [50]));
    const inbox = await subscribe(bobClient, userChannel(bob!.id));
    const presence = await subscribe(bobClient, channel);

    const refusedNow = nextOutcome(presence);
    const inboxBack = nextOutcome(inbox);
    const terminated = stateChange(bobClient, "disconnected");
    await setBlocked(alice!.id, { userId: bob!.id, blocked: true });
    await terminated;
    // Bob's client reconnects as if nothing happened: his own channel comes back, our presence does not.
    expect(await inboxBack).toEqual({ ok: true });
    expect(await refusedNow).toMatchObject({ ok: false });
    await expect(authorizeChannel(alice!.id, { socket_id: "123.456", channel_name: channel })).rejects.toMatchObject({
      code: "forbidden",
    });

    const grantedAgain = nextOutcome(presence);
    await setBlocked(alice!.id, { userId: bob!.id, blocked: false });
    expect(await grantedAgain).toEqual({ ok: true });
    await expect(authorizeChannel(alice!.id, { socket_id: "123.456", channel_name: channel })).resolves.toBeTruthy();
  });
});

describe("ending a user's sessions", () => {
  it("closes every open connection of that user (sign-out and password change bump the session version)", async () => {
    const [dave, erin] = await makeUsers(2, "RtSignOut");
    const phone = await connect(dave!.id);
    const laptop = await connect(dave!.id);
    const other = await connect(erin!.id);
    await subscribe(phone, userChannel(dave!.id));
    const closed = Promise.all([stateChange(phone, "disconnected"), stateChange(laptop, "disconnected")]);
    await bumpSessionVersion(dave!.id);
    await closed;
    expect(other.connection.state).toBe("connected");
  });
});

describe("authorizations bound to the connection's user", () => {
  it("refuses, on a socket signed in as Mallory, an authorization Bob's session signed for that socket", async () => {
    const [alice, bob, carol, mallory] = await makeUsers(4, "RtBind");
    const group = await createGroup(alice!.id, { name: "Bound", memberIds: [bob!.id, carol!.id] });
    // Bob's session answers Mallory's auth requests: valid signatures for her socket id, naming Bob.
    const asBob: ChannelSigner = (socketId, channelName) => authorizeChannel(bob!.id, { socket_id: socketId, channel_name: channelName });
    const malloryClient = await connect(mallory!.id, asBob);
    for (const name of [conversationChannel(group.id), conversationPresenceChannel(group.id), userChannel(bob!.id)]) {
      expect(await nextOutcome(malloryClient.subscribe(name))).toMatchObject({ ok: false, error: { type: "AuthError", status: 401 } });
    }
  });

  it("refuses an authorization signed for another socket id", async () => {
    const [alice, bob, carol] = await makeUsers(3, "RtSocket");
    const group = await createGroup(alice!.id, { name: "Sockets", memberIds: [bob!.id, carol!.id] });
    const first = await connect(bob!.id);
    const stolen = await authorizeChannel(bob!.id, { socket_id: first.connection.socket_id, channel_name: conversationChannel(group.id) });
    const second = await connect(bob!.id, async () => stolen);
    expect(await nextOutcome(second.subscribe(conversationChannel(group.id)))).toMatchObject({ ok: false, error: { status: 401 } });
  });
});

describe("privacy (issue 15)", () => {
  it('"last seen: nobody" ends my connection and my presence in our 1:1 is refused; the other is told; "everyone" grants it again', async () => {
    const [alice, bob] = await makeUsers(2, "RtPrivacy");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const channel = conversationPresenceChannel(conversation.id);
    const aliceClient = await connect(alice!.id);
    stops.push(reconnectAfterRefusal(aliceClient, [50]));
    const presence = await subscribe(aliceClient, channel);
    const bobInbox = await subscribe(await connect(bob!.id), userChannel(bob!.id));
    const told = eventData(bobInbox, EVENTS.privacyChanged);

    const refusedNow = nextOutcome(presence);
    const terminated = stateChange(aliceClient, "disconnected");
    await setPrivacy(alice!.id, { lastSeen: "nobody" });
    await terminated;
    expect(await refusedNow).toMatchObject({ ok: false });
    expect(await told).toEqual({ userId: alice!.id });

    const grantedAgain = nextOutcome(presence);
    await setPrivacy(alice!.id, { lastSeen: "everyone" });
    expect(await grantedAgain).toEqual({ ok: true });
  });

  it('"last seen: my contacts": removing the contact ends my connection and my presence in our 1:1 is refused; becoming contacts again grants it', async () => {
    const [alice, bob] = await makeUsers(2, "RtContactGone");
    const { id: requestId } = await sendContactRequest(alice!.id, { userId: bob!.id });
    await respondToContactRequest(bob!.id, { requestId, accept: true });
    await setPrivacy(alice!.id, { lastSeen: "contacts" });
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const aliceClient = await connect(alice!.id);
    stops.push(reconnectAfterRefusal(aliceClient, [50]));
    const presence = await subscribe(aliceClient, conversationPresenceChannel(conversation.id));
    const bobInbox = await subscribe(await connect(bob!.id), userChannel(bob!.id));
    const told = eventData(bobInbox, EVENTS.privacyChanged);

    const refusedNow = nextOutcome(presence);
    const terminated = stateChange(aliceClient, "disconnected");
    await removeContact(bob!.id, { userId: alice!.id });
    await terminated;
    expect(await refusedNow).toMatchObject({ ok: false });
    expect(await told).toEqual({ userId: alice!.id });

    const grantedAgain = nextOutcome(presence);
    const { id: again } = await sendContactRequest(bob!.id, { userId: alice!.id });
    await respondToContactRequest(alice!.id, { requestId: again, accept: true });
    expect(await grantedAgain).toEqual({ ok: true });
  });
});
