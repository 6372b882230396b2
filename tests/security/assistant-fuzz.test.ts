// The assistant's entry points (issue 19) under hostile input: PUT /api/assistant, POST
// /api/assistant/reply, PUT /api/assistant/smart-replies, POST /api/assistant/suggestions and POST
// /api/assistant/catch-up with generated bodies, and the `@ai` opt-in action of a chat with generated arguments, (wrong types, huge and broken strings, prototype keys,
// foreign and malformed ids) never answer 5xx, always a JSON error on refusal, and a refused
// request writes no reply row and no message. The provider is a real local fake (never reached
// by a refused request).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeAiProvider } from "@/tests/support/fake-ai-provider";

const fake = await startFakeAiProvider();
process.env.AI_BASE_URL = fake.url;
process.env.AI_MODEL = "fuzz-model";
process.env.AI_RATE_LIMIT_PER_MINUTE = "1000000";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs, sessionModule } = await import("./session-mock");
const { anyValue, bodyText, idLike, nastyString } = await import("./arbitraries");
const { makeFixture, makeRequest } = await import("./support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const { db } = await import("@/lib/db/client");
const assistantRoute = await import("@/app/api/assistant/route");
const replyRoute = await import("@/app/api/assistant/reply/route");
const smartRepliesRoute = await import("@/app/api/assistant/smart-replies/route");
const suggestionsRoute = await import("@/app/api/assistant/suggestions/route");
const catchUpRoute = await import("@/app/api/assistant/catch-up/route");
const chatActions = await import("@/app/(chat)/actions");

fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261201) });
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
let f: Awaited<ReturnType<typeof makeFixture>>;

beforeAll(async () => {
  setSessionResolverForTests(() => sessionModule.requireSessionUser());
  f = await makeFixture("AiFuzz");
});
afterAll(async () => {
  setSessionResolverForTests(null);
  signInAs(null);
  await fake.close();
  await db.$disconnect();
});

async function expectRefusalOrOk(response: Response, label: string): Promise<number> {
  expect(response.status, `${label}: ${await response.clone().text()}`).toBeLessThan(500);
  if (response.status >= 400) {
    const body = (await response.json()) as { error?: { message?: unknown } };
    expect(typeof body.error?.message).toBe("string");
  }
  return response.status;
}

/** A JSON body naming a conversation (the group's id, altered ids, any value), or no JSON at all. */
const hostileConversationBody = (more: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.oneof(
    bodyText({
      conversationId: fc.oneof(
        idLike(() => f.groupId),
        anyValue,
      ),
      ...more,
    }),
    nastyString,
  );

describe("assistant entry points fuzz", { timeout: 120_000 }, () => {
  it.each([
    ["/api/assistant", assistantRoute.PUT],
    ["/api/assistant/smart-replies", smartRepliesRoute.PUT],
  ] as const)("PUT %s: only {enabled: boolean} is accepted; anything else is a 4xx", async (path, handler) => {
    signInAs(f.member);
    await fc.assert(
      fc.asyncProperty(fc.oneof(bodyText({ enabled: fc.oneof(anyValue, fc.boolean()) }), nastyString), async (text) => {
        const status = await expectRefusalOrOk(await handler(makeRequest("PUT", path, { raw: text, type: "application/json" })), text);
        let valid = false;
        try {
          const parsed = JSON.parse(text) as Record<string, unknown> | null;
          valid = !!parsed && typeof parsed === "object" && Object.keys(parsed).length === 1 && typeof parsed.enabled === "boolean";
        } catch {
          valid = false;
        }
        expect(status === 200).toBe(valid);
      }),
      { numRuns: runs(300) },
    );
  });

  it("POST /api/assistant/reply: hostile bodies and conversation ids write nothing and never reach the provider", async () => {
    signInAs(f.member);
    await assistantRoute.PUT(makeRequest("PUT", "/api/assistant", { json: { enabled: true } }));
    const replies = await db.assistantReply.count({ where: { userId: f.member.id } });
    const messages = await db.message.count({ where: { senderId: f.member.id } });
    const requests = fake.requests.length;
    await fc.assert(
      fc.asyncProperty(hostileConversationBody({ regenerate: anyValue }), async (text) => {
        const status = await expectRefusalOrOk(
          await replyRoute.POST(makeRequest("POST", "/api/assistant/reply", { raw: text, type: "application/json" })),
          text,
        );
        expect(status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: runs(400) },
    );
    expect(await db.assistantReply.count({ where: { userId: f.member.id } })).toBe(replies);
    expect(await db.message.count({ where: { senderId: f.member.id } })).toBe(messages);
    expect(fake.requests.length).toBe(requests);
  });

  it("POST /api/assistant/suggestions: hostile bodies and foreign ids never reach the provider nor write a row", async () => {
    signInAs(f.member);
    await smartRepliesRoute.PUT(makeRequest("PUT", "/api/assistant/smart-replies", { json: { enabled: true } }));
    // The member's own message is the group's newest: a valid request answers empty without the provider.
    await db.message.create({
      data: { body: "mine is the newest", conversationId: f.groupId, senderId: f.member.id, createdAt: new Date(Date.now() + 60_000) },
    });
    const replies = await db.assistantReply.count({ where: { userId: f.member.id } });
    const requests = fake.requests.length;
    await fc.assert(
      fc.asyncProperty(hostileConversationBody(), async (text) => {
        const response = await suggestionsRoute.POST(
          makeRequest("POST", "/api/assistant/suggestions", { raw: text, type: "application/json" }),
        );
        const status = await expectRefusalOrOk(response, text);
        // The only accepted body names the group (whose newest message is the member's own: empty).
        if (status === 200) expect(await response.json()).toEqual({ messageId: null, suggestions: [] });
      }),
      { numRuns: runs(300) },
    );
    expect(await db.assistantReply.count({ where: { userId: f.member.id } })).toBe(replies);
    expect(fake.requests.length).toBe(requests);
  });

  it("POST /api/assistant/catch-up: hostile bodies, foreign conversations and messages never reach the provider nor write a row", async () => {
    signInAs(f.member);
    await assistantRoute.PUT(makeRequest("PUT", "/api/assistant", { json: { enabled: true } }));
    // Everything in the group is read by the member and the message the ids are made from is deleted
    // for them: every request is refused (400 nothing unread, 404 unknown message) before the provider.
    const { deleteMessage } = await import("@/lib/chat/message-actions/operations");
    await deleteMessage(f.member.id, f.messageId, { scope: "me" });
    const groupMessages = await db.message.findMany({ where: { conversationId: f.groupId }, select: { id: true } });
    await db.user.update({ where: { id: f.member.id }, data: { seenMessages: { connect: groupMessages } }, select: { id: true } });
    const replies = await db.assistantReply.count({ where: { userId: f.member.id } });
    const requests = fake.requests.length;
    await fc.assert(
      fc.asyncProperty(
        hostileConversationBody({
          fromMessageId: fc.oneof(
            idLike(() => f.messageId),
            anyValue,
          ),
        }),
        async (text) => {
          const response = await catchUpRoute.POST(makeRequest("POST", "/api/assistant/catch-up", { raw: text, type: "application/json" }));
          const status = await expectRefusalOrOk(response, text);
          expect(status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: runs(300) },
    );
    expect(await db.assistantReply.count({ where: { userId: f.member.id } })).toBe(replies);
    expect(fake.requests.length).toBe(requests);
  });

  it("setAssistantInChatAction: hostile arguments never answer internal; an outsider and a plain member change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(f.outsider, f.member),
        fc.oneof(
          idLike(() => f.groupId),
          anyValue,
        ),
        fc.oneof(anyValue, fc.boolean()),
        async (who, conversationId, enabled) => {
          signInAs(who);
          const result = await chatActions.setAssistantInChatAction(conversationId as string, enabled as boolean);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).not.toBe("internal");
        },
      ),
      { numRuns: runs(150) },
    );
    expect(await db.assistantChat.count({ where: { conversationId: f.groupId } })).toBe(0);
  });
});
