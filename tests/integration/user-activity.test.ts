// "Last active": recorded at most once a minute per user, shown to people who share a conversation.
import { afterAll, describe, expect, it } from "vitest";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { startDirectConversation } from "@/lib/chat/conversations/operations";
import { makeUsers } from "@/tests/support/chat-fixtures";
import { db } from "@/lib/db/client";
import { ACTIVITY_RESOLUTION_MS, lastActiveOf, touchActivity } from "@/lib/users/activity";

afterAll(() => db.$disconnect());

describe("user activity", () => {
  it("records activity, and writes again only after the resolution has passed", async () => {
    const [user] = await makeUsers(1, "Active");
    const t0 = Date.UTC(2026, 10, 22, 12, 0, 0);
    await touchActivity(user!.id, t0);
    await touchActivity(user!.id, t0 + ACTIVITY_RESOLUTION_MS - 1);
    expect((await lastActiveOf([user!.id])).get(user!.id)).toBe(new Date(t0).toISOString());
    await touchActivity(user!.id, t0 + ACTIVITY_RESOLUTION_MS);
    expect((await lastActiveOf([user!.id])).get(user!.id)).toBe(new Date(t0 + ACTIVITY_RESOLUTION_MS).toISOString());
  });

  it("shows each member's last activity in conversation summaries, null when never active", async () => {
    const [alice, bob] = await makeUsers(2, "Seen");
    const at = Date.UTC(2026, 10, 22, 9, 30, 0);
    await touchActivity(bob!.id, at);
    const { conversation } = await startDirectConversation(alice!.id, bob!.id);
    const fromList = (await listConversations(alice!.id)).conversations.find((c) => c.id === conversation.id)!;
    const byId = Object.fromEntries(fromList.members.map((m) => [m.id, m.lastActiveAt]));
    expect(byId[bob!.id]).toBe(new Date(at).toISOString());
    expect(byId[alice!.id]).toBeNull();
    const single = await getConversation(alice!.id, conversation.id);
    expect(single.members.find((m) => m.id === bob!.id)?.lastActiveAt).toBe(new Date(at).toISOString());
  });
});
