// "Export my data" (issue #17) on the real database: my profile, conversations and sent messages,
// other members by id and name only, no secret; over HTTP a JSON attachment; 5 an hour.
import { afterEach, describe, expect, it } from "vitest";
import { exportAccount } from "@/lib/account/export/operations";
import { findSecretLeaks } from "@/lib/auth/public-user";
import { db } from "@/lib/db/client";
import { setSessionResolverForTests } from "@/lib/http/route";
import { createUserBudgets, setUserBudgetsForTests } from "@/lib/rate-limit/user-budgets";
import { MemoryRateLimitStore } from "@/lib/rate-limit/limiter";
import * as exportRoute from "@/app/api/account/export/route";
import { insertMessages, makeUsers } from "../support/chat-fixtures";

afterEach(() => {
  setUserBudgetsForTests(null);
  setSessionResolverForTests(null);
});

describe("export my data", () => {
  it("holds my profile, my conversations and the messages I sent, and nothing secret or of others", async () => {
    const [me, other, stranger] = await makeUsers(3, "Export");
    const shared = await db.conversation.create({
      data: { isGroup: true, name: "Export group", users: { connect: [{ id: me!.id }, { id: other!.id }] } },
      select: { id: true },
    });
    const notMine = await db.conversation.create({
      data: { users: { connect: [{ id: other!.id }, { id: stranger!.id }] } },
      select: { id: true },
    });
    await insertMessages(shared.id, me!.id, [new Date(Date.now() - 2000), new Date(Date.now() - 1000)]);
    await insertMessages(shared.id, other!.id, [new Date()]);
    await insertMessages(notMine.id, stranger!.id, [new Date()]);

    const data = await exportAccount(me!.id);
    expect(data.profile).toMatchObject({ id: me!.id, email: me!.email, signInMethods: ["password"], twoFactorEnabled: false });
    expect(data.conversations.map((c) => c.id)).toEqual([shared.id]);
    expect(data.conversations[0]!.members.map((m) => m.id).sort()).toEqual([me!.id, other!.id].sort());
    expect(data.messages).toHaveLength(2);
    expect(data.messages.every((m) => m.conversationId === shared.id)).toBe(true);
    // Never another user's e-mail, a hash or a token.
    expect(findSecretLeaks(data, [other!.email, stranger!.email])).toEqual([]);
  });

  it("is a JSON attachment over HTTP, 401 signed out, and 5 an hour", async () => {
    setUserBudgetsForTests(createUserBudgets(new MemoryRateLimitStore()));
    const [me] = await makeUsers(1, "Exporter");
    setSessionResolverForTests(async () => ({ id: me!.id, name: me!.name, image: null }));
    const get = () => exportRoute.GET(new Request("http://localhost:3000/api/account/export"));
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="parley-export-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(((await response.json()) as { profile: { id: string } }).profile.id).toBe(me!.id);
    for (let i = 0; i < 4; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    setSessionResolverForTests(async () => {
      throw new (await import("@/lib/errors")).AppError("unauthorized", "Please sign in to continue.");
    });
    expect((await get()).status).toBe(401);
  });
});
