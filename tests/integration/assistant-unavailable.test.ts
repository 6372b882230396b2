// Without AI_BASE_URL the assistant is simply not there: the status says so, and its operations
// and routes answer 404 with a message naming what an administrator sets.
import { afterAll, describe, expect, it } from "vitest";

delete process.env.AI_BASE_URL;
delete process.env.AI_MODEL;

const { db } = await import("@/lib/db/client");
const { makeUsers } = await import("@/tests/support/chat-fixtures");
const { assistantStatus, setAssistantEnabled, setSmartRepliesEnabled, prepareReply } = await import("@/lib/chat/assistant/operations");
const { suggestReplies } = await import("@/lib/chat/assistant/suggestions");
const { catchUp } = await import("@/lib/chat/assistant/catch-up");
const { ASSISTANT_UNAVAILABLE_MESSAGE } = await import("@/lib/chat/assistant/config");
const { setAssistantInChat } = await import("@/lib/chat/assistant/in-chat");
const { askAssistantIfMentioned } = await import("@/lib/chat/assistant/mention");
const { startDirectConversation } = await import("@/lib/chat/conversations/operations");
const { sendMessage } = await import("@/lib/chat/messages/send");
const { newMessageId } = await import("@/lib/chat/kernel/ids");
const { AssistantSection } = await import("@/components/assistant/assistant-section");
const { createElement } = await import("react");
const { renderToStaticMarkup } = await import("react-dom/server");

afterAll(() => db.$disconnect());

describe("assistant without a provider", () => {
  it("is unavailable: status false, turning it or smart replies on and asking are 404 with a clear message", async () => {
    const [alice] = await makeUsers(1, "AiNone");
    expect(await assistantStatus(alice!.id)).toEqual({
      available: false,
      enabled: false,
      smartReplies: false,
      botUserId: null,
      conversationId: null,
    });
    await expect(setAssistantEnabled(alice!.id, { enabled: true })).rejects.toMatchObject({
      code: "not_found",
      message: ASSISTANT_UNAVAILABLE_MESSAGE,
    });
    await expect(prepareReply(alice!.id, { conversationId: alice!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(setSmartRepliesEnabled(alice!.id, { enabled: true })).rejects.toMatchObject({
      code: "not_found",
      message: ASSISTANT_UNAVAILABLE_MESSAGE,
    });
    await expect(suggestReplies(alice!.id, { conversationId: alice!.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(catchUp(alice!.id, { conversationId: alice!.id })).rejects.toMatchObject({
      code: "not_found",
      message: ASSISTANT_UNAVAILABLE_MESSAGE,
    });
    expect(await db.assistantSetting.count({ where: { userId: alice!.id } })).toBe(0);
  });

  it("`@ai` in a chat: turning it on is 404 and `@ai` is plain text (nothing asked, nothing written)", async () => {
    const [alice, bob] = await makeUsers(2, "AiNoneInChat");
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    await expect(setAssistantInChat(alice!.id, conversation.id, { enabled: true })).rejects.toMatchObject({
      code: "not_found",
      message: ASSISTANT_UNAVAILABLE_MESSAGE,
    });
    const sent = await sendMessage(alice!.id, conversation.id, { id: newMessageId("postgresql"), body: "@ai hello?" });
    expect(askAssistantIfMentioned(alice!.id, sent)).toBeNull();
    expect(await db.assistantChat.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("settings say how to enable it instead of offering a switch", async () => {
    const [bob] = await makeUsers(1, "AiNoneSettings");
    const html = renderToStaticMarkup(createElement(AssistantSection, { status: await assistantStatus(bob!.id) }));
    expect(html).toContain("Parley AI assistant");
    expect(html).toContain("AI_BASE_URL and AI_MODEL");
    expect(html).not.toContain('type="checkbox"');
  });
});
