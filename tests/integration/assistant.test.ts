// The Parley assistant (issue 19) end to end on the real database, the real realtime server and the
// real AI SDK provider talking to a real local OpenAI-compatible HTTP server that streams SSE
// (tests/support/fake-ai-provider.ts): never a mocked SDK.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fakeReplyTo, startFakeAiProvider } from "@/tests/support/fake-ai-provider";

// The provider is configured before anything reads the environment (it is parsed once).
const fake = await startFakeAiProvider();
process.env.AI_BASE_URL = fake.url;
process.env.AI_MODEL = "fake-model";
process.env.AI_API_KEY = "test-secret-key";
process.env.AI_TIMEOUT_SECONDS = "2";
process.env.AI_MAX_CONTEXT_MESSAGES = "5";

const { db } = await import("@/lib/db/client");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { appRealtimeClients, eventData, subscribe } = await import("@/tests/support/app-realtime-clients");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { createGroup, startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { listMessages } = await import("@/lib/chat/messages/history");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
const { searchUsers } = await import("@/lib/chat/people/search");
const { assistantStatus, setAssistantEnabled, prepareReply, pinnedAssistantChat, BUDGET_EXCEEDED_MESSAGE } =
  await import("@/lib/chat/assistant/operations");
const { removeConversationForMe } = await import("@/lib/chat/members/operations");
const { streamAssistantReply, PROVIDER_FAILED_MESSAGE, TIMEOUT_MESSAGE } = await import("@/lib/chat/assistant/reply");
const { assistantBotId, ASSISTANT_NAME } = await import("@/lib/chat/assistant/bot");
const { newMessageId } = await import("@/lib/chat/kernel/ids");
const { conversationChannel, userChannel } = await import("@/lib/realtime/channels");
const { EVENTS } = await import("@/lib/realtime/events");
type ReplyLine = import("@/lib/chat/assistant/dto").ReplyLine;

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

async function optedIn(prefix: string) {
  const [user] = await makeUsers(1, prefix);
  const status = await setAssistantEnabled(user!.id, { enabled: true });
  return { user: user!, conversationId: status.conversationId! };
}

const ask = (userId: string, conversationId: string, body: string) =>
  sendMessage(userId, conversationId, { id: newMessageId("postgresql"), body });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<ReplyLine[]> {
  const text = await new Response(stream).text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReplyLine);
}

async function replyRow(replyId: string, until: (status: string) => boolean = (s) => s !== "streaming") {
  for (let i = 0; i < 100; i += 1) {
    const row = await db.assistantReply.findUniqueOrThrow({ where: { id: replyId } });
    if (until(row.status)) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("reply did not finish");
}

describe("assistant: opt-in", () => {
  it("turning it on creates my 1:1 with the bot user (no credentials, not findable); on again is the same chat; off keeps it", async () => {
    const [alice] = await makeUsers(1, "AiOptIn");
    expect(await assistantStatus(alice!.id)).toMatchObject({ available: true, enabled: false, conversationId: null });
    const on = await setAssistantEnabled(alice!.id, { enabled: true });
    expect(on).toMatchObject({ available: true, enabled: true });
    const botId = await assistantBotId();
    const bot = await db.user.findUniqueOrThrow({ where: { id: botId }, include: { accounts: true } });
    expect(bot).toMatchObject({ name: ASSISTANT_NAME, email: null, hashedPassword: null, accounts: [] });
    const conversation = await db.conversation.findUniqueOrThrow({
      where: { id: on.conversationId! },
      include: { users: { select: { id: true } } },
    });
    expect(conversation.isGroup).toBe(false);
    expect(conversation.users.map((u) => u.id).sort()).toEqual([alice!.id, botId].sort());
    expect((await setAssistantEnabled(alice!.id, { enabled: true })).conversationId).toBe(on.conversationId);
    expect(await setAssistantEnabled(alice!.id, { enabled: false })).toMatchObject({ enabled: false, conversationId: on.conversationId });
    expect(await db.conversation.count({ where: { id: on.conversationId! } })).toBe(1);
    // Nobody finds the bot to start a chat with it; its chat starts from Settings only.
    expect((await searchUsers(alice!.id, { query: "Parley AI" })).map((u) => u.id)).not.toContain(botId);
    await expect(startDirectConversation(alice!.id, botId)).rejects.toMatchObject({ code: "not_found" });
    await expect(setAssistantEnabled(alice!.id, { enabled: "yes" })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("assistant: pinned chat", () => {
  it("my Parley AI chat is pinned while the assistant is on and the chat is in my list; off or removed: nothing pinned", async () => {
    const [alice] = await makeUsers(1, "AiPin");
    expect(await pinnedAssistantChat(alice!.id)).toBeNull();
    const on = await setAssistantEnabled(alice!.id, { enabled: true });
    expect(await pinnedAssistantChat(alice!.id)).toBe(on.conversationId);
    await removeConversationForMe(alice!.id, on.conversationId!);
    expect(await pinnedAssistantChat(alice!.id)).toBeNull();
    await setAssistantEnabled(alice!.id, { enabled: true }); // on again: back in my list, pinned
    expect(await pinnedAssistantChat(alice!.id)).toBe(on.conversationId);
    await setAssistantEnabled(alice!.id, { enabled: false });
    expect(await pinnedAssistantChat(alice!.id)).toBeNull();
  });
});

describe("assistant: a reply", () => {
  it("streams text deltas, stores the whole answer as the bot's message once, publishes it after commit, counts tokens", async () => {
    const { user, conversationId } = await optedIn("AiReply");
    // Another chat of mine holds a secret: the assistant must never see it.
    const [friend] = await makeUsers(1, "AiFriend");
    const other = await startDirectConversation(user.id, friend!.id);
    await ask(user.id, other.conversation.id, "the vault code is 4242");
    await ask(user.id, conversationId, "What is Parley?");

    const client = await realtime.connect(user.id);
    const mine = await subscribe(client, userChannel(user.id));
    const room = await subscribe(client, conversationChannel(conversationId));
    const progress = eventData<{ text: string; done: boolean }>(mine, EVENTS.assistantProgress);
    const published = eventData<{ body: string; sender: { id: string } }>(room, EVENTS.messageNew);
    const before = fake.requests.length;

    const lines = await readAll(await streamAssistantReply(user.id, { conversationId }));
    expect(lines[0]).toMatchObject({ type: "start", replaces: null });
    const deltas = lines.filter((l) => l.type === "delta");
    expect(deltas.length).toBeGreaterThan(3);
    const expected = fakeReplyTo("What is Parley?");
    expect(deltas.map((d) => (d.type === "delta" ? d.text : "")).join("")).toBe(expected);
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ type: "done", status: "done", message: { body: expected } });

    const botId = await assistantBotId();
    const page = await listMessages(user.id, conversationId);
    expect(page.messages.map((m) => [m.sender.id, m.body])).toEqual([
      [botId, expected],
      [user.id, "What is Parley?"],
    ]);
    expect(await published).toMatchObject({ body: expected, sender: { id: botId } });
    expect((await progress).done).toBe(false);
    // The bot's messages say so (their text renders as markdown), in every read and event; a person's do not.
    expect(page.messages.map((m) => m.fromAssistant)).toEqual([true, undefined]);
    expect(done).toMatchObject({ message: { fromAssistant: true } });
    expect(await published).toMatchObject({ fromAssistant: true });

    // The request: the configured model and key, the system framing, only this chat's messages.
    const request = fake.requests[before]!;
    expect(request.model).toBe("fake-model");
    expect(request.authorization).toBe("Bearer test-secret-key");
    expect(request.messages[0]!.role).toBe("system");
    expect(request.messages.slice(1)).toEqual([{ role: "user", content: "What is Parley?" }]);
    expect(JSON.stringify(request.messages)).not.toContain("4242");

    const start = lines[0]!;
    const row = await replyRow(start.type === "start" ? start.replyId : "");
    expect(row).toMatchObject({ status: "done", userId: user.id, conversationId, messageId: page.messages[0]!.id });
    expect(row.outputTokens).toBe(expected.split(" ").length);
    expect(row.inputTokens).toBeGreaterThan(0);
  });

  it("stop: cancelling the stream keeps the text so far as the message (status stopped), never a half-written one", async () => {
    const { user, conversationId } = await optedIn("AiStop");
    await ask(user.id, conversationId, "please be slow");
    const stream = await streamAssistantReply(user.id, { conversationId });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while ((seen.match(/"delta"/g) ?? []).length < 3) {
      const { value } = await reader.read();
      seen += decoder.decode(value);
    }
    const replyId = (JSON.parse(seen.split("\n")[0]!) as { replyId: string }).replyId;
    await reader.cancel();
    const row = await replyRow(replyId);
    expect(row.status).toBe("stopped");
    const stored = await db.message.findUniqueOrThrow({ where: { id: row.messageId! } });
    expect(stored.body).toMatch(/^word1 word2 word3/);
    expect(stored.body).not.toContain("word200");
  });

  it("regenerate replaces the last answer (the old one becomes a tombstone); without an answer to replace it is 400", async () => {
    const { user, conversationId } = await optedIn("AiRegen");
    await ask(user.id, conversationId, "Tell me something");
    await expect(prepareReply(user.id, { conversationId, regenerate: true })).rejects.toMatchObject({ code: "bad_request" });
    const first = (await readAll(await streamAssistantReply(user.id, { conversationId }))).at(-1)!;
    const firstId = first.type === "done" ? first.message!.id : "";
    // Nothing new to answer: the last message is the assistant's.
    await expect(prepareReply(user.id, { conversationId })).rejects.toMatchObject({ code: "bad_request" });
    const lines = await readAll(await streamAssistantReply(user.id, { conversationId, regenerate: true }));
    expect(lines[0]).toMatchObject({ type: "start", replaces: firstId });
    expect(lines.at(-1)).toMatchObject({ type: "done", status: "done", message: { body: fakeReplyTo("Tell me something") } });
    const old = await db.message.findUniqueOrThrow({ where: { id: firstId } });
    expect(old.deletedAt).not.toBeNull();
    expect(old.body).toBeNull();
    // The model saw the question again, not its previous answer.
    expect(fake.requests.at(-1)!.messages.slice(1)).toEqual([{ role: "user", content: "Tell me something" }]);
  });

  it("a failing provider or a timeout ends with a clear error line; the question stays, no bot message is written", async () => {
    const { user, conversationId } = await optedIn("AiFail");
    await ask(user.id, conversationId, "this will fail");
    const failed = await readAll(await streamAssistantReply(user.id, { conversationId }));
    expect(failed.at(-1)).toEqual({ type: "error", message: PROVIDER_FAILED_MESSAGE });
    await ask(user.id, conversationId, "slow and too long");
    const timedOut = await readAll(await streamAssistantReply(user.id, { conversationId }));
    expect(timedOut.at(-1)).toEqual({ type: "error", message: TIMEOUT_MESSAGE });
    const botId = await assistantBotId();
    expect(await db.message.count({ where: { conversationId, senderId: botId } })).toBe(0);
    expect(await db.message.count({ where: { conversationId, senderId: user.id } })).toBe(2);
    expect(await db.assistantReply.count({ where: { conversationId, status: "failed" } })).toBe(2);
  });

  it("the context is the newest AI_MAX_CONTEXT_MESSAGES messages of this chat that I can see", async () => {
    const { user, conversationId } = await optedIn("AiContext");
    for (let i = 1; i <= 7; i += 1) await ask(user.id, conversationId, `question ${i}`);
    // What I cannot see any more is not context: deleted for everyone, deleted for me.
    const gone = await ask(user.id, conversationId, "deleted for everyone");
    await deleteMessage(user.id, gone.message.id, { scope: "everyone" });
    const hidden = await ask(user.id, conversationId, "deleted for me");
    await deleteMessage(user.id, hidden.message.id, { scope: "me" });
    await ask(user.id, conversationId, "question 8");
    await readAll(await streamAssistantReply(user.id, { conversationId }));
    const sent = fake.requests.at(-1)!.messages.slice(1);
    expect(sent.map((m) => m.content)).toEqual(["question 4", "question 5", "question 6", "question 7", "question 8"]);
  });
});

describe("assistant: refusals and budgets", () => {
  it("answers only in my assistant chat: a group, someone else's chat, a non-member → 404; turned off → 409; bad input → 400", async () => {
    const { user, conversationId } = await optedIn("AiDeny");
    const [bob, carol] = await makeUsers(2, "AiDenyOther");
    const group = await createGroup(user.id, { name: "AI deny", memberIds: [bob!.id, carol!.id] });
    await ask(user.id, group.id, "hello group");
    await expect(prepareReply(user.id, { conversationId: group.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(prepareReply(bob!.id, { conversationId })).rejects.toMatchObject({ code: "not_found" });
    await expect(prepareReply(user.id, { conversationId: "nope" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(prepareReply(user.id, { conversationId, extra: 1 })).rejects.toMatchObject({ code: "bad_request" });
    await ask(user.id, conversationId, "hello");
    await setAssistantEnabled(user.id, { enabled: false });
    await expect(prepareReply(user.id, { conversationId })).rejects.toMatchObject({ code: "conflict" });
    expect(await db.assistantReply.count({ where: { userId: user.id } })).toBe(0);
  });

  it("the daily token budget: once used up, the next request is refused (429) with a clear message", async () => {
    const { user, conversationId } = await optedIn("AiBudget");
    await ask(user.id, conversationId, "an expensive question");
    expect((await readAll(await streamAssistantReply(user.id, { conversationId }))).at(-1)).toMatchObject({ type: "done" });
    await ask(user.id, conversationId, "and another");
    await expect(prepareReply(user.id, { conversationId })).rejects.toMatchObject({
      code: "rate_limited",
      message: BUDGET_EXCEEDED_MESSAGE,
    });
  });

  it("the per-user rate limit (AI_RATE_LIMIT_PER_MINUTE, default 10) refuses the 11th request of a minute with 429", async () => {
    const { user, conversationId } = await optedIn("AiRate");
    await ask(user.id, conversationId, "quick");
    for (let i = 0; i < 10; i += 1) await prepareReply(user.id, { conversationId });
    await expect(prepareReply(user.id, { conversationId })).rejects.toMatchObject({ code: "rate_limited" });
    // Someone else's budget is their own.
    const other = await optedIn("AiRateOther");
    await ask(other.user.id, other.conversationId, "quick");
    await expect(prepareReply(other.user.id, { conversationId: other.conversationId })).resolves.toMatchObject({
      conversationId: other.conversationId,
    });
  });
});
