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

  it("settings say how to enable it instead of offering a switch", async () => {
    const [bob] = await makeUsers(1, "AiNoneSettings");
    const html = renderToStaticMarkup(createElement(AssistantSection, { status: await assistantStatus(bob!.id) }));
    expect(html).toContain("Parley AI assistant");
    expect(html).toContain("AI_BASE_URL and AI_MODEL");
    expect(html).not.toContain('type="checkbox"');
  });
});
