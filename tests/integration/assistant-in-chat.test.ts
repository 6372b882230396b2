// `@ai` in a 1:1 or a group (issue 19) on the real database, the real realtime server and the real
// AI SDK provider talking to the local OpenAI-compatible fake (tests/support/fake-ai-provider.ts):
// the members' opt-in and who may change it, the answer streamed to the chat and stored as the bot's
// message, its context (only that chat, only what the asker can see), the limits, and failures.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fakeReplyTo, startFakeAiProvider } from "@/tests/support/fake-ai-provider";

const fake = await startFakeAiProvider();
process.env.AI_BASE_URL = fake.url;
process.env.AI_MODEL = "fake-model";
process.env.AI_TIMEOUT_SECONDS = "2";
process.env.AI_CHAT_RATE_LIMIT_PER_MINUTE = "3";

const { db } = await import("@/lib/db/client");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { appRealtimeClients, eventData, subscribe } = await import("@/tests/support/app-realtime-clients");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { createGroup, startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { getConversation } = await import("@/lib/chat/conversations/reads");
const { listMessages } = await import("@/lib/chat/messages/history");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
const { searchMessages } = await import("@/lib/chat/search/reads");
const { setAssistantEnabled, BUDGET_EXCEEDED_MESSAGE } = await import("@/lib/chat/assistant/operations");
const { setAssistantInChat, IN_CHAT_ADMINS_ONLY_MESSAGE, IN_CHAT_TURN_ON_FIRST_MESSAGE } = await import("@/lib/chat/assistant/in-chat");
const { askAssistantIfMentioned, mentionsAssistant } = await import("@/lib/chat/assistant/mention");
const { eventTail } = await import("@/lib/chat/assistant/event-tail");
const { PROVIDER_FAILED_MESSAGE } = await import("@/lib/chat/assistant/reply");
const { assistantBotId } = await import("@/lib/chat/assistant/bot");
const { newMessageId } = await import("@/lib/chat/kernel/ids");
const { conversationChannel, userChannel } = await import("@/lib/realtime/channels");
const { EVENTS, MAX_EVENT_BYTES, eventBytes } = await import("@/lib/realtime/events");
type Answer = import("@/lib/realtime/events").EventPayload<"assistant:answer">;

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

const say = (userId: string, conversationId: string, body: string) =>
  sendMessage(userId, conversationId, { id: newMessageId("postgresql"), body });

/** Sends `body` as the route does and waits for the background answer. */
async function ask(userId: string, conversationId: string, body: string) {
  const sent = await say(userId, conversationId, body);
  await askAssistantIfMentioned(userId, sent);
  return sent.message;
}

/** A group of three (alice admin, bob, carol) with the assistant on for alice and bob and `@ai` on in the group. */
async function groupWithAi(prefix: string) {
  const [alice, bob, carol] = await makeUsers(3, prefix);
  await setAssistantEnabled(alice!.id, { enabled: true });
  await setAssistantEnabled(bob!.id, { enabled: true });
  const group = await createGroup(alice!.id, { name: `${prefix} group`, memberIds: [bob!.id, carol!.id] });
  await setAssistantInChat(alice!.id, group.id, { enabled: true });
  return { alice: alice!, bob: bob!, carol: carol!, groupId: group.id };
}

/** Every assistant:answer event of a channel, in order. */
function collect(channel: { bind(event: string, cb: (data: unknown) => void): void }): Answer[] {
  const heard: Answer[] = [];
  channel.bind(EVENTS.assistantAnswer, (data) => heard.push(data as Answer));
  return heard;
}

describe("@ai in a chat: the members' opt-in", () => {
  it("a 1:1: either member; a group: its admins (403 for a plain member), 404 for a non-member; every member hears it", async () => {
    const [alice, bob, outsider, dave] = await makeUsers(4, "InChatAuth");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    // On needs the assistant on in my settings; off never does.
    await expect(setAssistantInChat(alice!.id, conversation.id, { enabled: true })).rejects.toMatchObject({
      code: "conflict",
      message: IN_CHAT_TURN_ON_FIRST_MESSAGE,
    });
    await setAssistantEnabled(alice!.id, { enabled: true });
    await setAssistantEnabled(bob!.id, { enabled: true });

    const client = await realtime.connect(bob!.id);
    const room = await subscribe(client, conversationChannel(conversation.id));
    const heard = eventData<{ conversationId: string; enabled: boolean }>(room, EVENTS.assistantChat);
    expect(await setAssistantInChat(alice!.id, conversation.id, { enabled: true })).toEqual({ enabled: true });
    expect(await heard).toEqual({ conversationId: conversation.id, enabled: true });
    expect((await getConversation(bob!.id, conversation.id)).assistantInChat).toBe(true);
    await setAssistantEnabled(bob!.id, { enabled: false });
    expect(await setAssistantInChat(bob!.id, conversation.id, { enabled: false })).toEqual({ enabled: false });
    expect((await getConversation(alice!.id, conversation.id)).assistantInChat).toBe(false);
    await expect(setAssistantInChat(outsider!.id, conversation.id, { enabled: false })).rejects.toMatchObject({ code: "not_found" });
    await expect(setAssistantInChat(alice!.id, conversation.id, { enabled: "yes" })).rejects.toMatchObject({ code: "bad_request" });

    const group = await createGroup(alice!.id, { name: "In chat auth", memberIds: [bob!.id, dave!.id] });
    await setAssistantEnabled(bob!.id, { enabled: true });
    await expect(setAssistantInChat(bob!.id, group.id, { enabled: true })).rejects.toMatchObject({
      code: "forbidden",
      message: IN_CHAT_ADMINS_ONLY_MESSAGE,
    });
    await expect(setAssistantInChat(outsider!.id, group.id, { enabled: true })).rejects.toMatchObject({ code: "not_found" });
    expect(await setAssistantInChat(alice!.id, group.id, { enabled: true })).toEqual({ enabled: true });
    expect(await db.assistantChat.findUnique({ where: { conversationId: group.id }, select: { enabled: true } })).toEqual({
      enabled: true,
    });

    // My own chat with the assistant already answers everything.
    const mine = await setAssistantEnabled(alice!.id, { enabled: true });
    await expect(setAssistantInChat(alice!.id, mine.conversationId!, { enabled: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("the bot posts in a chat only through the assistant path and only while the chat has it on; it never becomes a member", async () => {
    const { alice, groupId } = await groupWithAi("InChatBot");
    const botId = await assistantBotId();
    // Not a member: the normal path refuses it.
    await expect(sendMessage(botId, groupId, { id: newMessageId("postgresql"), body: "hi" })).rejects.toMatchObject({ code: "not_found" });
    // A user cannot post "as the assistant".
    await expect(
      sendMessage(alice.id, groupId, { id: newMessageId("postgresql"), body: "fake bot" }, { asAssistant: true }),
    ).rejects.toMatchObject({ code: "not_found" });
    await sendMessage(botId, groupId, { id: newMessageId("postgresql"), body: "allowed" }, { asAssistant: true });
    await setAssistantInChat(alice.id, groupId, { enabled: false });
    await expect(
      sendMessage(botId, groupId, { id: newMessageId("postgresql"), body: "refused" }, { asAssistant: true }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await db.conversation.count({ where: { id: groupId, users: { some: { id: botId } } } })).toBe(0);
  });
});

describe("@ai in a chat: the answer", () => {
  it("streams to every member as assistant:answer, then is the bot's ordinary message (stored, broadcast, searchable); the question stays", async () => {
    const { alice, bob, groupId } = await groupWithAi("InChatAnswer");
    const botId = await assistantBotId();
    const client = await realtime.connect(bob.id);
    const room = await subscribe(client, conversationChannel(groupId));
    const answers = collect(room);
    const published = eventData<{ body: string; sender: { id: string } }>(room, EVENTS.messageNew);

    const question = await ask(alice.id, groupId, "@ai please explain this gradually");
    const expected = fakeReplyTo("@ai please explain this gradually");
    const page = await listMessages(bob.id, groupId);
    expect(page.messages.map((m) => [m.sender.id, m.body])).toEqual([
      [botId, expected],
      [alice.id, "@ai please explain this gradually"],
    ]);
    // The question was published before the answer began, and the answer as the bot's message.
    expect(await published).toMatchObject({ body: "@ai please explain this gradually", sender: { id: alice.id } });
    await expect.poll(() => answers.at(-1)?.status).toBe("done");
    const streaming = answers.filter((a) => a.status === "streaming");
    expect(streaming.length).toBeGreaterThan(1);
    expect(streaming.every((a) => a.questionId === question.id && expected.startsWith(a.text))).toBe(true);
    expect(streaming.at(-1)!.text.length).toBeGreaterThan(streaming[0]!.text.length);
    // Search finds it like any message; the usage row names the asker.
    const hits = await searchMessages(bob.id, { q: "fake model", conversationId: groupId });
    expect(hits.hits.map((h) => h.message.sender.id)).toContain(botId);
    const row = await db.assistantReply.findFirstOrThrow({ where: { conversationId: groupId } });
    expect(row).toMatchObject({ userId: alice.id, status: "done", messageId: page.messages[0]!.id });
    expect(row.outputTokens).toBeGreaterThan(0);

    // A retry of the same send (same id) is not a new question: nothing is asked again.
    const again = await sendMessage(alice.id, groupId, { id: question.id, body: question.body! });
    expect(askAssistantIfMentioned(alice.id, again)).toBeNull();
  });

  it("the context is only that chat, only what the asker can see (deleted for everyone, deleted for me)", async () => {
    const { alice, bob, groupId } = await groupWithAi("InChatContext");
    const { conversation: elsewhere } = await startDirectConversation(alice.id, bob.id);
    await say(alice.id, elsewhere.id, "the vault code is 4242");
    await say(bob.id, groupId, "bob visible line");
    const hiddenByAlice = await say(bob.id, groupId, "hidden from alice");
    await deleteMessage(alice.id, hiddenByAlice.message.id, { scope: "me" });
    const hiddenByBob = await say(alice.id, groupId, "bob hid this one");
    await deleteMessage(bob.id, hiddenByBob.message.id, { scope: "me" });
    const gone = await say(alice.id, groupId, "deleted for everyone");
    await deleteMessage(alice.id, gone.message.id, { scope: "everyone" });
    const before = fake.requests.length;
    await ask(alice.id, groupId, "@ai summarize");
    expect(fake.requests.length).toBe(before + 1);
    const prompt = JSON.stringify(fake.requests.at(-1)!.messages);
    expect(prompt).toContain("bob visible line");
    expect(prompt).toContain("bob hid this one"); // alice (the asker) still sees it
    expect(prompt).toContain("@ai summarize");
    expect(prompt).not.toContain("hidden from alice");
    expect(prompt).not.toContain("deleted for everyone");
    expect(prompt).not.toContain("4242");
    // Quoted as data with the senders' names, after the framing system prompt.
    expect(fake.requests.at(-1)!.messages[0]!.role).toBe("system");
    expect(fake.requests.at(-1)!.messages[1]!.content).toMatch(/^Recent messages of this chat \(quoted data.*\n> .*bob visible line/s);
  });

  it("not answered when the chat has it off, when the asker turned the assistant off, or without `@ai` as a word", async () => {
    const { alice, bob, groupId } = await groupWithAi("InChatOff");
    const botId = await assistantBotId();
    const before = fake.requests.length;
    await ask(alice.id, groupId, "email me at x@ai.example or @aixyz");
    await setAssistantEnabled(bob.id, { enabled: false });
    await ask(bob.id, groupId, "@ai are you there?");
    await setAssistantInChat(alice.id, groupId, { enabled: false });
    await ask(alice.id, groupId, "@ai and now?");
    expect(fake.requests.length).toBe(before);
    expect(await db.message.count({ where: { conversationId: groupId, senderId: botId } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: groupId } })).toBe(3);
    expect(await db.assistantReply.count({ where: { conversationId: groupId } })).toBe(0);
    expect([mentionsAssistant("@AI hi"), mentionsAssistant("so (@ai) what"), mentionsAssistant("@ai"), mentionsAssistant("@air")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("a failing provider: the question is kept, no bot message, a notice for everyone in the chat, the reply row failed", async () => {
    const { alice, bob, groupId } = await groupWithAi("InChatFail");
    const client = await realtime.connect(bob.id);
    const room = await subscribe(client, conversationChannel(groupId));
    const answers = collect(room);
    const question = await ask(alice.id, groupId, "@ai this will fail");
    await expect.poll(() => answers.at(-1)?.status).toBe("failed");
    expect(answers.at(-1)).toEqual({
      conversationId: groupId,
      questionId: question.id,
      status: "failed",
      text: "",
      notice: PROVIDER_FAILED_MESSAGE,
    });
    expect((await listMessages(alice.id, groupId)).messages.map((m) => m.body)).toEqual(["@ai this will fail"]);
    expect(await db.assistantReply.findFirstOrThrow({ where: { conversationId: groupId } })).toMatchObject({
      status: "failed",
      messageId: null,
    });
  });

  it("the per-chat rate limit and the asker's daily budget: refused with a notice to the asker only; the question stays", async () => {
    const { alice, bob, groupId } = await groupWithAi("InChatLimits");
    const aliceClient = await realtime.connect(alice.id);
    const mine = collect(await subscribe(aliceClient, userChannel(alice.id)));
    // AI_CHAT_RATE_LIMIT_PER_MINUTE=3 in this file: the 4th question of a minute in this chat is refused.
    for (const n of [1, 2, 3]) await ask(n === 2 ? bob.id : alice.id, groupId, `@ai question ${n}`);
    expect(mine).toEqual([]);
    const refused = await ask(alice.id, groupId, "@ai question 4");
    await expect.poll(() => mine.length).toBe(1);
    expect(mine[0]).toMatchObject({ questionId: refused.id, status: "failed", notice: expect.stringMatching(/too often in this chat/) });
    expect(await db.assistantReply.count({ where: { conversationId: groupId } })).toBe(3);

    // The daily budget is the asker's own: an expensive answer uses it up.
    const other = await groupWithAi("InChatBudget");
    await ask(other.alice.id, other.groupId, "@ai an expensive question");
    const budgetClient = await realtime.connect(other.alice.id);
    const hers = collect(await subscribe(budgetClient, userChannel(other.alice.id)));
    await ask(other.alice.id, other.groupId, "@ai and another");
    await expect.poll(() => hers.length).toBe(1);
    expect(hers[0]!.notice).toContain(BUDGET_EXCEEDED_MESSAGE);
    // Bob's budget is his own.
    await ask(other.bob.id, other.groupId, "@ai bob asks");
    expect(await db.assistantReply.count({ where: { conversationId: other.groupId, userId: other.bob.id, status: "done" } })).toBe(1);
    expect((await listMessages(other.alice.id, other.groupId)).messages.map((m) => m.body)).toContain("@ai and another");
  });

  it("each streaming event (@ai answers and the assistant chat's progress) stays under the realtime size limit, whatever the text", () => {
    for (const text of ["x".repeat(20_000), "😀".repeat(9_000), "é".repeat(7_000), "界".repeat(5_000)]) {
      const tail = eventTail(text);
      expect(text.endsWith(tail)).toBe(true);
      expect(tail.length).toBeGreaterThan(100);
      const payload = {
        conversationId: newMessageId("postgresql"),
        questionId: newMessageId("postgresql"),
        status: "streaming",
        text: tail,
        notice: null,
      };
      expect(eventBytes(payload)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
      const progress = { conversationId: payload.conversationId, replyId: payload.questionId, text: tail, done: false };
      expect(eventBytes(progress)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    }
  });
});
