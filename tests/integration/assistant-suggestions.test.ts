// Smart replies (issue 19) on the real database and the real AI SDK provider talking to the local
// OpenAI-compatible fake (tests/support/fake-ai-provider.ts): the prompt holds only what the asking
// member can see in that chat, non-members and users who did not turn smart replies on get 404, and
// a provider that fails or answers something else than the asked-for list is a clear 503, never a 500.
import { afterAll, describe, expect, it } from "vitest";
import { fakeSuggestionsFor, startFakeAiProvider } from "@/tests/support/fake-ai-provider";

const fake = await startFakeAiProvider();
process.env.AI_BASE_URL = fake.url;
process.env.AI_MODEL = "fake-model";
process.env.AI_TIMEOUT_SECONDS = "5";
process.env.AI_MAX_CONTEXT_MESSAGES = "6";

const { db } = await import("@/lib/db/client");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { createGroup, startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
const { assistantStatus, setSmartRepliesEnabled, tokensUsedToday } = await import("@/lib/chat/assistant/operations");
const { suggestReplies, parseSuggestions, SMART_REPLIES_OFF_MESSAGE, SUGGESTIONS_FAILED_MESSAGE, SUGGESTIONS_INVALID_MESSAGE } =
  await import("@/lib/chat/assistant/suggestions");
const { newMessageId } = await import("@/lib/chat/kernel/ids");

afterAll(async () => {
  await fake.close();
  await db.$disconnect();
});

const say = (userId: string, conversationId: string, body: string) =>
  sendMessage(userId, conversationId, { id: newMessageId("postgresql"), body });

async function pair(prefix: string) {
  const [ann, bob] = await makeUsers(2, prefix);
  const { conversation } = await startDirectConversation(ann!.id, bob!.id);
  return { ann: ann!, bob: bob!, conversationId: conversation.id };
}

describe("smart replies", () => {
  it("are off until turned on (404, no provider call), separate from the assistant chat", async () => {
    const { ann, bob, conversationId } = await pair("SrOff");
    await say(bob.id, conversationId, "are you there?");
    const before = fake.requests.length;
    await expect(suggestReplies(ann.id, { conversationId })).rejects.toMatchObject({
      code: "not_found",
      message: SMART_REPLIES_OFF_MESSAGE,
    });
    const on = await setSmartRepliesEnabled(ann.id, { enabled: true });
    expect(on).toMatchObject({ smartReplies: true, enabled: false, conversationId: null });
    expect(await db.conversation.count({ where: { users: { some: { id: ann.id } } } })).toBe(1);
    await setSmartRepliesEnabled(ann.id, { enabled: false });
    expect(await assistantStatus(ann.id)).toMatchObject({ smartReplies: false });
    await expect(suggestReplies(ann.id, { conversationId })).rejects.toMatchObject({ code: "not_found" });
    await expect(setSmartRepliesEnabled(ann.id, { enabled: "yes" })).rejects.toMatchObject({ code: "bad_request" });
    expect(fake.requests.length).toBe(before);
  });

  it("suggest replies to the newest message from someone else, from only what I can see in that chat; counted in the budget", async () => {
    const { ann, bob, conversationId } = await pair("SrVisible");
    const [carol] = await makeUsers(1, "SrVisibleOther");
    const other = await startDirectConversation(ann.id, carol!.id);
    await say(carol!.id, other.conversation.id, "the vault code is 4242");
    await say(bob.id, conversationId, "hi Ann");
    const gone = await say(bob.id, conversationId, "deleted for everyone");
    await deleteMessage(bob.id, gone.message.id, { scope: "everyone" });
    const hidden = await say(bob.id, conversationId, "deleted for me");
    await deleteMessage(ann.id, hidden.message.id, { scope: "me" });
    await say(ann.id, conversationId, "hello Bob");
    const newest = await say(bob.id, conversationId, "lunch at noon?");
    await setSmartRepliesEnabled(ann.id, { enabled: true });
    const used = await tokensUsedToday(ann.id);

    const result = await suggestReplies(ann.id, { conversationId });
    expect(result).toEqual({ messageId: newest.message.id, suggestions: fakeSuggestionsFor("lunch at noon?") });
    const request = fake.requests.at(-1)!;
    expect(request.messages[0]!.role).toBe("system");
    const prompt = request.messages[1]!.content;
    expect(prompt).toContain("> Them: hi Ann\n> Me: hello Bob\n> Them: lunch at noon?");
    expect(prompt).not.toContain("deleted for");
    expect(JSON.stringify(request.messages)).not.toContain("4242");
    expect(await db.assistantReply.count({ where: { userId: ann.id, conversationId, status: "suggestions" } })).toBe(1);
    expect(await tokensUsedToday(ann.id)).toBeGreaterThan(used);

    // My own message is the newest: nothing to reply to, and the provider is not asked.
    await say(ann.id, conversationId, "sure");
    const before = fake.requests.length;
    expect(await suggestReplies(ann.id, { conversationId })).toEqual({ messageId: null, suggestions: [] });
    expect(fake.requests.length).toBe(before);
  });

  it("answer only members (404 otherwise, like any chat), in groups too", async () => {
    const [ann, bob, cy, eve] = await makeUsers(4, "SrMember");
    const group = await createGroup(ann!.id, { name: "SR group", memberIds: [bob!.id, cy!.id] });
    await say(bob!.id, group.id, "group news");
    await setSmartRepliesEnabled(ann!.id, { enabled: true });
    await setSmartRepliesEnabled(eve!.id, { enabled: true });
    const before = fake.requests.length;
    await expect(suggestReplies(eve!.id, { conversationId: group.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(suggestReplies(eve!.id, { conversationId: "not-an-id" })).rejects.toMatchObject({ code: "bad_request" });
    expect(fake.requests.length).toBe(before);
    expect((await suggestReplies(ann!.id, { conversationId: group.id })).suggestions).toEqual(fakeSuggestionsFor("group news"));
  });

  it("a provider failure or an answer that is not a list of short replies is a clear 503, never a 500", async () => {
    const { ann, bob, conversationId } = await pair("SrInvalid");
    await setSmartRepliesEnabled(ann.id, { enabled: true });
    await say(bob.id, conversationId, "answer me with garbage");
    await expect(suggestReplies(ann.id, { conversationId })).rejects.toMatchObject({
      code: "unavailable",
      status: 503,
      message: SUGGESTIONS_INVALID_MESSAGE,
    });
    await say(bob.id, conversationId, "toolong please");
    await expect(suggestReplies(ann.id, { conversationId })).rejects.toMatchObject({
      code: "unavailable",
      message: SUGGESTIONS_INVALID_MESSAGE,
    });
    await say(bob.id, conversationId, "this will fail");
    await expect(suggestReplies(ann.id, { conversationId })).rejects.toMatchObject({
      code: "unavailable",
      message: SUGGESTIONS_FAILED_MESSAGE,
    });
    // Each asked the provider: each counted.
    expect(await db.assistantReply.count({ where: { userId: ann.id, status: "suggestions" } })).toBe(3);
  });
});

describe("parseSuggestions", () => {
  it("accepts a JSON array of 1–3 non-empty strings ≤ 80 characters (fenced or not); anything else is null", () => {
    expect(parseSuggestions('["a", "b", "c"]')).toEqual(["a", "b", "c"]);
    expect(parseSuggestions('```json\n["Sure!", " Why? "]\n```')).toEqual(["Sure!", "Why?"]);
    expect(parseSuggestions('["a", "b", "c", "d"]')).toEqual(["a", "b", "c"]);
    expect(parseSuggestions('["same", "same"]')).toEqual(["same"]);
    expect(parseSuggestions("sure, sounds good")).toBeNull();
    expect(parseSuggestions("[1, 2]")).toBeNull();
    expect(parseSuggestions('[""]')).toBeNull();
    expect(parseSuggestions("[]")).toBeNull();
    expect(parseSuggestions(JSON.stringify(["x".repeat(81)]))).toBeNull();
    expect(parseSuggestions('{"a": 1}')).toBeNull();
  });
});
