// Server actions validate their arguments like the routes that share their domain function: the
// same malformed input gets the same answer (code, message, per-field messages) either way.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);

const { signInAs } = await import("./session-mock");
const { makeFixture, makeRequest } = await import("./support");
const { setSessionResolverForTests } = await import("@/lib/http/route");
const conversationsRoute = await import("@/app/api/conversations/route");
const actions = await import("@/app/(chat)/actions");

let f: Awaited<ReturnType<typeof makeFixture>>;
beforeAll(async () => {
  f = await makeFixture("ActionInputs");
  setSessionResolverForTests(async () => (await import("./session-mock")).sessionModule.requireSessionUser());
});
afterAll(() => {
  setSessionResolverForTests(null);
  signInAs(null);
});

describe("startDirectConversationAction", () => {
  it.each(["not-an-id", "", "robert'); drop table", "0000"])(
    "answers a malformed id %j as the route does: 400 naming userId",
    async (userId) => {
      signInAs(f.member);
      const response = await conversationsRoute.POST(
        makeRequest("POST", "/api/conversations", { json: { type: "direct", userId } }),
        {} as never,
      );
      expect(response.status).toBe(400);
      const routeError = ((await response.json()) as { error: unknown }).error;
      const result = await actions.startDirectConversationAction(userId);
      expect(result).toEqual({ ok: false, error: routeError });
      expect(result.ok === false && result.error.code).toBe("bad_request");
      expect(result.ok === false && result.error.fields).toEqual({ userId: ["must be a valid id"] });
    },
  );

  it("still answers 404 for a well-formed id of nobody", async () => {
    signInAs(f.member);
    const result = await actions.startDirectConversationAction("00000000-0000-4000-8000-000000000000");
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
