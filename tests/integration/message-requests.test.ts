// Message requests (issue 15, lib/chat/message-requests/), on the real database: a 1:1 started by
// someone who is not my contact waits for my answer (the sender's side is a plain chat); accepting,
// replying, starting it myself or becoming contacts ends it; declining hides it for good and keeps
// it hidden when the sender writes again; a request's mentions reach no notification center; the
// state is mine alone, every member-checked and group-refused; my other tabs are told.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { respondToContactRequest, sendContactRequest } from "@/lib/chat/contacts/operations";
import { createGroup, startDirectConversation } from "@/lib/chat/conversations/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { mentionToken } from "@/lib/chat/mentions/tokens";
import { deleteMessage, editMessage } from "@/lib/chat/message-actions/operations";
import { answerMessageRequest } from "@/lib/chat/message-requests/operations";
import { sendMessage } from "@/lib/chat/messages/send";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { userChannel } from "@/lib/realtime/channels";
import { makeUsers } from "@/tests/support/chat-fixtures";

afterAll(() => db.$disconnect());

const send = (senderId: string, conversationId: string, body: string) =>
  sendMessage.run(senderId, conversationId, { id: randomUUID(), body });
const requestOf = async (userId: string, conversationId: string) => (await getConversation(userId, conversationId)).messageRequest;
const listed = async (userId: string) => (await listConversations(userId)).conversations.map((c) => c.id);
const requestEvent = (userId: string, id: string) => ({
  channels: userChannel(userId),
  event: "conversation:message-request",
  payload: { id, pending: false },
});

async function strangers(prefix: string) {
  const [ana, ben] = await makeUsers(2, prefix);
  const { conversation } = await startDirectConversation(ana!.id, ben!.id);
  return { ana: ana!, ben: ben!, id: conversation.id };
}

describe("message requests", () => {
  it("a 1:1 from someone not in my contacts is a request for me only; accepting ends it and tells my tabs", async () => {
    const { ana, ben, id } = await strangers("ReqAccept");
    expect(await requestOf(ben.id, id)).toBe(true);
    expect(await requestOf(ana.id, id)).toBeUndefined(); // the sender's side is a plain chat
    expect(await listed(ben.id)).toContain(id); // readable in my list (the Requests filter shows it)
    const accepted = await answerMessageRequest.run(ben.id, id, { answer: "accept" });
    expect(accepted.result).toEqual({ answer: "accept" });
    expect(accepted.events).toEqual([requestEvent(ben.id, id)]);
    expect(await requestOf(ben.id, id)).toBeUndefined();
    // Accepting again changes nothing and tells nobody; declining an accepted chat is a 409.
    expect((await answerMessageRequest.run(ben.id, id, { answer: "accept" })).events).toEqual([]);
    await expect(answerMessageRequest(ben.id, id, { answer: "decline" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a 1:1 from one of my contacts is no request", async () => {
    const [ana, ben] = await makeUsers(2, "ReqContact");
    const sent = await sendContactRequest(ana!.id, { userId: ben!.id });
    await respondToContactRequest(ben!.id, { requestId: sent.id, accept: true });
    const { conversation } = await startDirectConversation(ana!.id, ben!.id);
    expect(await requestOf(ben!.id, conversation.id)).toBeUndefined();
  });

  it("replying accepts it; so does starting the chat myself, or accepting their contact request", async () => {
    const reply = await strangers("ReqReply");
    const answered = await send(reply.ben.id, reply.id, "hi, who is this?");
    expect(answered.events).toContainEqual(requestEvent(reply.ben.id, reply.id));
    expect(await requestOf(reply.ben.id, reply.id)).toBeUndefined();
    // Later messages of mine tell nobody again.
    expect((await send(reply.ben.id, reply.id, "hello?")).events.map((e) => e.event)).not.toContain("conversation:message-request");

    const started = await strangers("ReqStart");
    const again = await startDirectConversation.run(started.ben.id, started.ana.id);
    expect(again.result).toMatchObject({ created: false, conversation: { id: started.id } });
    expect(again.result.conversation.messageRequest).toBeUndefined();
    expect(again.events).toContainEqual(requestEvent(started.ben.id, started.id));

    const contact = await strangers("ReqBecomeContacts");
    const sent = await sendContactRequest(contact.ana.id, { userId: contact.ben.id });
    const settled = await respondToContactRequest.run(contact.ben.id, { requestId: sent.id, accept: true });
    expect(settled.events).toContainEqual(requestEvent(contact.ben.id, contact.id));
    expect(await requestOf(contact.ben.id, contact.id)).toBeUndefined();
  });

  it("declining hides it for me, and the sender's next messages neither bring it back nor notify; the sender notices nothing", async () => {
    const { ana, ben, id } = await strangers("ReqDecline");
    await send(ana.id, id, "buy my course");
    const declined = await answerMessageRequest.run(ben.id, id, { answer: "decline" });
    expect(declined.result).toEqual({ answer: "decline" });
    expect(declined.events.map((e) => [e.channels, e.event])).toEqual([
      [userChannel(ben.id), "conversation:message-request"],
      [userChannel(ben.id), "conversation:remove"],
      [userChannel(ben.id), "conversation:list-state"],
    ]);
    expect(await listed(ben.id)).not.toContain(id);
    expect(await listed(ana.id)).toContain(id);

    const next = await send(ana.id, id, `still there ${mentionToken(ben.id)}?`);
    expect(next.events.map((e) => e.event)).not.toContain("conversation:new"); // not back in Ben's list
    // …and Ben's list hears nothing of it (an update about a chat it lacks would fetch it back in).
    const toBen = (events: { channels: string | string[] }[]) => events.filter((e) => [e.channels].flat().includes(userChannel(ben.id)));
    expect(toBen(next.events)).toEqual([]);
    // Nor when Ana edits or deletes that newest message (its preview and unread count).
    expect(toBen((await editMessage.run(ana.id, next.result.message.id, { body: "still there?" })).events)).toEqual([]);
    expect(toBen((await deleteMessage.run(ana.id, next.result.message.id, { scope: "everyone" })).events)).toEqual([]);
    expect(await listed(ben.id)).not.toContain(id);
    expect(await db.notification.count({ where: { recipientId: ben.id } })).toBe(0); // the mention reached no notification center
    // Ben opens it himself later (people search → "Message"): it is back, accepted.
    const reopened = await startDirectConversation(ben.id, ana.id);
    expect(reopened.conversation.id).toBe(id);
    expect(reopened.conversation.messageRequest).toBeUndefined();
    expect(await listed(ben.id)).toContain(id);
  });

  it("a request's mentions reach no notification center until it is accepted", async () => {
    const { ana, ben, id } = await strangers("ReqMention");
    await send(ana.id, id, `hey ${mentionToken(ben.id)}`);
    expect(await db.notification.count({ where: { recipientId: ben.id, kind: "mention" } })).toBe(0);
    await answerMessageRequest(ben.id, id, { answer: "accept" });
    await send(ana.id, id, `thanks ${mentionToken(ben.id)}`);
    expect(await db.notification.count({ where: { recipientId: ben.id, kind: "mention" } })).toBe(1);
  });

  it("only a member answers, only for a 1:1, only with accept or decline", async () => {
    const { ana, ben, id } = await strangers("ReqRules");
    const [stranger, carol] = await makeUsers(2, "ReqRulesOther");
    await expect(answerMessageRequest(stranger!.id, id, { answer: "accept" })).rejects.toMatchObject({ code: "not_found" });
    await expect(answerMessageRequest(ben.id, id, { answer: "maybe" })).rejects.toMatchObject({
      code: "bad_request",
      fields: { answer: [expect.stringContaining('"accept" or "decline"')] },
    });
    const group = await createGroup(ana.id, { name: "Req group", memberIds: [ben.id, carol!.id] });
    await expect(answerMessageRequest(ben.id, group.id, { answer: "decline" })).rejects.toBeInstanceOf(AppError);
    await expect(answerMessageRequest(ben.id, group.id, { answer: "decline" })).rejects.toMatchObject({ code: "bad_request" });
    expect(await requestOf(ben.id, id)).toBe(true); // nothing changed
  });
});
