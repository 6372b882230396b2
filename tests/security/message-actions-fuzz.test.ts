// Message actions (issue 13, part A) under hostile arguments: whatever a client serializes into
// the server actions (edit, delete, react, forward, edit history, star, pin), the answer is a refusal or a
// success, never an internal error, and nothing is changed for an outsider.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs } = await import("./session-mock");
const { anyValue, field, nastyString } = await import("./arbitraries");
const { makeFixture } = await import("./support");
const { setSendLimiterForTests } = await import("@/lib/rate-limit/send-limit");
const { RateLimiter, MemoryRateLimitStore } = await import("@/lib/rate-limit/limiter");
const { db } = await import("@/lib/db/client");
const actions = await import("@/app/(chat)/actions");

fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261130) });
let f: Awaited<ReturnType<typeof makeFixture>>;

beforeAll(async () => {
  f = await makeFixture("ActFuzz");
  setSendLimiterForTests(new RateLimiter(new MemoryRateLimitStore(), { name: "fuzz", max: 1_000_000, windowMs: 10_000 }));
});
afterAll(async () => {
  setSendLimiterForTests(null);
  signInAs(null);
  await db.$disconnect();
});

const emojiLike = fc.oneof(nastyString, fc.constantFrom("👍", "❤", "🇫🇷", "1️⃣", "👨‍👩‍👧", "👍👍", "a", "", "\u0000", "😀".repeat(40)));

describe("message actions fuzz", () => {
  it("arbitrary arguments never answer internal; an outsider changes nothing", async () => {
    const before = await db.message.findUnique({ where: { id: f.messageId }, select: { body: true, deletedAt: true } });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("edit", "delete", "react", "forward", "history", "star", "pin"),
        field(fc.constant(null).map(() => f.messageId)),
        fc.oneof(anyValue, emojiLike),
        fc.oneof(anyValue, fc.array(field(fc.constant(null).map(() => f.groupId)), { maxLength: 12 })),
        async (which, messageId, b, c) => {
          signInAs(f.outsider);
          const call = () => {
            switch (which) {
              case "edit":
                return actions.editMessageAction(messageId as string, b as string);
              case "delete":
                return actions.deleteMessageAction(messageId as string, b as "me");
              case "react":
                return actions.reactToMessageAction(messageId as string, b as string, c as boolean);
              case "forward":
                return actions.forwardMessageAction(messageId as string, c as string[]);
              case "star":
                return actions.starMessageAction(messageId as string, b as boolean);
              case "pin":
                return actions.pinMessageAction(messageId as string, b as boolean);
              default:
                return actions.editHistoryAction(messageId as string);
            }
          };
          const result = (await call()) as { ok: boolean; error?: { code: string } };
          expect(result.ok).toBe(false);
          expect(result.error!.code).not.toBe("internal");
        },
      ),
      { numRuns: 300 },
    );
    expect(await db.message.findUnique({ where: { id: f.messageId }, select: { body: true, deletedAt: true } })).toEqual(before);
    expect(await db.messageReaction.count({ where: { messageId: f.messageId } })).toBe(0);
    expect(await db.starredMessage.count({ where: { messageId: f.messageId } })).toBe(0);
    expect(await db.pinnedMessage.count({ where: { messageId: f.messageId } })).toBe(0);
  });

  it("a member's hostile emoji and bodies are refused as bad input, never internal", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyValue, emojiLike), fc.oneof(anyValue, nastyString), async (emoji, body) => {
        signInAs(f.admin);
        for (const result of [
          await actions.reactToMessageAction(f.messageId, emoji as string),
          await actions.editMessageAction(f.messageId, body as string),
          await actions.starMessageAction(f.messageId, emoji as boolean),
          await actions.pinMessageAction(f.messageId, body as boolean),
        ]) {
          if (!result.ok) expect(result.error.code).not.toBe("internal");
        }
      }),
      { numRuns: 200 },
    );
  });
});
