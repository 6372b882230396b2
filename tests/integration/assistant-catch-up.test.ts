// "Catch me up" (issue 19) on the real database and the real AI SDK provider talking to the local
// OpenAI-compatible fake (tests/support/fake-ai-provider.ts): the summary is built only from my
// unread messages of that chat that I can see (never another chat's, a deleted one, one before my
// history cut-off, my own or one I had read), members only (404 otherwise), assistant on only (409),
// nothing unread is a clear 400, a failing provider a clear 503, and each call counts in the budget.
import { afterAll, describe, expect, it } from "vitest";
import { fakeCatchUpFor, startFakeAiProvider } from "@/tests/support/fake-ai-provider";

const fake = await startFakeAiProvider();
process.env.AI_BASE_URL = fake.url;
process.env.AI_MODEL = "fake-model";
process.env.AI_TIMEOUT_SECONDS = "5";
process.env.AI_MAX_CONTEXT_MESSAGES = "6";
// The per-chat limit (all members together), smaller than the per-user one (10).
process.env.AI_CHAT_RATE_LIMIT_PER_MINUTE = "3";

const { db } = await import("@/lib/db/client");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { createGroup, startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
const { removeConversationForMe } = await import("@/lib/chat/members/operations");
const { markSeen } = await import("@/lib/chat/receipts/operations");
const { setAssistantEnabled, tokensUsedToday, BUDGET_EXCEEDED_MESSAGE } = await import("@/lib/chat/assistant/operations");
const { setSmartRepliesEnabled } = await import("@/lib/chat/assistant/operations");
const { suggestReplies } = await import("@/lib/chat/assistant/suggestions");
const { catchUp, CATCH_UP_FAILED_MESSAGE, CATCH_UP_INVALID_MESSAGE, CATCH_UP_OFF_MESSAGE, CATCH_UP_SYSTEM_PROMPT, NOTHING_UNREAD_MESSAGE } =
  await import("@/lib/chat/assistant/catch-up");
const { newMessageId } = await import("@/lib/chat/kernel/ids");

afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

const say = async (userId: string, conversationId: string, body: string) =>
  (await sendMessage(userId, conversationId, { id: newMessageId("postgresql"), body })).message;

/** Ann (assistant on) and Bob in a 1:1. */
async function pair(prefix: string) {
  const [ann, bob] = await makeUsers(2, prefix);
  const { conversation } = await startDirectConversation(ann!.id, bob!.id);
  await setAssistantEnabled(ann!.id, { enabled: true });
  return { ann: ann!, bob: bob!, conversationId: conversation.id };
}

/** The quoted lines of the last catch-up prompt the provider received. */
function lastPromptLines(): string[] {
  const request = fake.requests.at(-1)!;
  expect(request.messages[0]).toEqual({ role: "system", content: CATCH_UP_SYSTEM_PROMPT });
  return request.messages[1]!.content.split("\n").filter((line) => line.startsWith("> "));
}

describe("catch me up", () => {
  it("summarizes only my unread messages from the divider on that I can see: not deleted, not mine, not read before, not another chat's", async () => {
    const { ann, bob, conversationId } = await pair("CuVisible");
    const [carol] = await makeUsers(1, "CuVisibleOther");
    const other = await startDirectConversation(ann.id, carol!.id);
    await say(bob.id, conversationId, "already read before");
    await say(carol!.id, other.conversation.id, "the vault code is 4242");
    const first = await say(bob.id, conversationId, "are you coming tonight?");
    const gone = await say(bob.id, conversationId, "deleted for everyone");
    await deleteMessage(bob.id, gone.id, { scope: "everyone" });
    // The deletion clears the text; a tombstone that kept it is left out all the same (the filter, not the clearing).
    await db.message.create({ data: { conversationId, senderId: bob.id, body: "tombstone with text", deletedAt: new Date() } });
    const hidden = await say(bob.id, conversationId, "deleted for me");
    await deleteMessage(ann.id, hidden.id, { scope: "me" });
    await say(ann.id, conversationId, "my own from another device");
    await say(bob.id, conversationId, "bring snacks");
    // Opening the chat marks everything seen; the browser names where the unread ones began.
    const newest = await say(bob.id, conversationId, "see you at 8");
    await markSeen(ann.id, conversationId, { messageId: newest.id });
    const used = await tokensUsedToday(ann.id);

    const result = await catchUp(ann.id, { conversationId, fromMessageId: first.id });
    const expected = [`> ${bob.name}: are you coming tonight?`, `> ${bob.name}: bring snacks`, `> ${bob.name}: see you at 8`];
    expect(lastPromptLines()).toEqual(expected);
    expect(result).toEqual({ summary: fakeCatchUpFor(expected), messageCount: 3 });
    expect(JSON.stringify(fake.requests.at(-1))).not.toContain("4242");
    // Counted in the daily budget; nothing is written to the chat.
    expect(await db.assistantReply.count({ where: { userId: ann.id, conversationId, status: "catch-up" } })).toBe(1);
    expect(await tokensUsedToday(ann.id)).toBeGreaterThan(used);
    expect(await db.message.count({ where: { conversationId } })).toBe(8);
  });

  it("without a divider, summarizes the messages unread now, never those before my history cut-off", async () => {
    const { ann, bob, conversationId } = await pair("CuCutOff");
    const [carol] = await makeUsers(1, "CuCutOffOther");
    const other = await startDirectConversation(ann.id, carol!.id);
    await say(carol!.id, other.conversation.id, "unread in another chat 4242");
    await say(bob.id, conversationId, "old and read");
    await removeConversationForMe(ann.id, conversationId);
    const { historyFrom } = await db.conversationMemberState.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId, userId: ann.id } },
      select: { historyFrom: true },
    });
    // Unread, but from before Ann removed the chat: she cannot see it.
    await db.message.create({
      data: { conversationId, senderId: bob.id, body: "before the cut-off", createdAt: new Date(historyFrom!.getTime() - 1000) },
    });
    await say(bob.id, conversationId, "after the cut-off");
    await say(ann.id, conversationId, "mine");
    await say(bob.id, conversationId, "one more");

    const result = await catchUp(ann.id, { conversationId });
    expect(lastPromptLines()).toEqual([`> ${bob.name}: after the cut-off`, `> ${bob.name}: one more`]);
    expect(result.messageCount).toBe(2);
    expect(JSON.stringify(fake.requests.at(-1))).not.toContain("4242");
  });

  it("keeps to the context limits: the newest AI_MAX_CONTEXT_MESSAGES unread messages", async () => {
    const { ann, bob, conversationId } = await pair("CuLimit");
    for (let i = 1; i <= 8; i += 1) await say(bob.id, conversationId, `note ${i}`);
    const result = await catchUp(ann.id, { conversationId });
    expect(result.messageCount).toBe(6);
    expect(lastPromptLines()).toEqual([3, 4, 5, 6, 7, 8].map((i) => `> ${bob.name}: note ${i}`));
  });

  it("members only (404 like any chat), assistant on only (409), nothing unread is a clear 400: none reaches the provider", async () => {
    const [ann, bob, cy, eve] = await makeUsers(4, "CuMember");
    const group = await createGroup(ann!.id, { name: "CU group", memberIds: [bob!.id, cy!.id] });
    const news = await say(bob!.id, group.id, "group news");
    const elsewhere = await startDirectConversation(eve!.id, bob!.id);
    const foreign = await say(bob!.id, elsewhere.conversation.id, "not in the group");
    for (const user of [ann!, eve!]) await setAssistantEnabled(user.id, { enabled: true });
    const before = fake.requests.length;
    await expect(catchUp(eve!.id, { conversationId: group.id })).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(catchUp(eve!.id, { conversationId: group.id, fromMessageId: news.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(catchUp(ann!.id, { conversationId: "not-an-id" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(catchUp(ann!.id, { conversationId: group.id, extra: 1 })).rejects.toMatchObject({ code: "bad_request" });
    // A message of another chat as the divider: not found here.
    await expect(catchUp(ann!.id, { conversationId: group.id, fromMessageId: foreign.id })).rejects.toMatchObject({
      code: "not_found",
      message: "Message not found.",
    });
    // Cy never turned the assistant on.
    await expect(catchUp(cy!.id, { conversationId: group.id })).rejects.toMatchObject({ code: "conflict", message: CATCH_UP_OFF_MESSAGE });
    // Ann read it all: nothing to catch up on; my own message as the divider is nothing unread either.
    await markSeen(ann!.id, group.id, { messageId: news.id });
    await expect(catchUp(ann!.id, { conversationId: group.id })).rejects.toMatchObject({
      code: "bad_request",
      status: 400,
      message: NOTHING_UNREAD_MESSAGE,
    });
    const mine = await say(ann!.id, group.id, "my last word");
    await expect(catchUp(ann!.id, { conversationId: group.id, fromMessageId: mine.id })).rejects.toMatchObject({
      message: NOTHING_UNREAD_MESSAGE,
    });
    expect(fake.requests.length).toBe(before);
    expect(await db.assistantReply.count({ where: { userId: { in: [ann!.id, eve!.id, cy!.id] } } })).toBe(0);
    // In a group, names tell who said what.
    const result = await catchUp(ann!.id, { conversationId: group.id, fromMessageId: news.id });
    expect(result.summary).toBe(fakeCatchUpFor([`> ${bob!.name}: group news`]));
  });

  it("a provider failure or an empty answer is a clear 503 (counted); an exhausted budget a 429 before the provider", async () => {
    const { ann, bob, conversationId } = await pair("CuFail");
    await say(bob.id, conversationId, "this will fail");
    await expect(catchUp(ann.id, { conversationId })).rejects.toMatchObject({
      code: "unavailable",
      status: 503,
      message: CATCH_UP_FAILED_MESSAGE,
    });
    const quiet = await say(bob.id, conversationId, "saynothing");
    await expect(catchUp(ann.id, { conversationId, fromMessageId: quiet.id })).rejects.toMatchObject({
      code: "unavailable",
      message: CATCH_UP_INVALID_MESSAGE,
    });
    expect(await db.assistantReply.count({ where: { userId: ann.id, status: "catch-up" } })).toBe(2);

    await db.assistantReply.create({ data: { userId: ann.id, conversationId, status: "done", inputTokens: 1_000_000_000 } });
    const before = fake.requests.length;
    await expect(catchUp(ann.id, { conversationId, fromMessageId: quiet.id })).rejects.toMatchObject({
      code: "rate_limited",
      message: BUDGET_EXCEEDED_MESSAGE,
    });
    expect(fake.requests.length).toBe(before);
  });

  it("the per-chat rate limit (AI_CHAT_RATE_LIMIT_PER_MINUTE) counts every member's assistant calls in one conversation", async () => {
    const [ann, bob, cy] = await makeUsers(3, "CuChatRate");
    const group = await createGroup(ann!.id, { name: "CU rate", memberIds: [bob!.id, cy!.id] });
    const other = await createGroup(ann!.id, { name: "CU rate other", memberIds: [bob!.id, cy!.id] });
    for (const user of [ann!, bob!]) {
      await setAssistantEnabled(user.id, { enabled: true });
      await setSmartRepliesEnabled(user.id, { enabled: true });
    }
    await say(cy!.id, group.id, "news for all");
    await say(cy!.id, other.id, "news elsewhere");
    await catchUp(ann!.id, { conversationId: group.id });
    await suggestReplies(ann!.id, { conversationId: group.id });
    await catchUp(bob!.id, { conversationId: group.id });
    // Bob's own limit (10) is far, the chat's (3) is reached.
    const before = fake.requests.length;
    await expect(suggestReplies(bob!.id, { conversationId: group.id })).rejects.toMatchObject({
      code: "rate_limited",
      status: 429,
      message: expect.stringContaining("asked too often in this chat"),
    });
    expect(fake.requests.length).toBe(before);
    // Another chat has its own count.
    await expect(catchUp(bob!.id, { conversationId: other.id })).resolves.toMatchObject({ messageCount: 1 });
  });
});
