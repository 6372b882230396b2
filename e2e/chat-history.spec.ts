// Long conversations: the newest page first, older pages on scrolling up with the reading position
// kept, "Jump to latest" when scrolled up.
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/two-users";
import type { ChatApp } from "./pages/chat-app";

test("infinite scroll upward keeps the position; jump to latest", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await a.openConversation(bo.name);

  // 58 messages through the API (two senders stay within the per-user send budget): one page is 50.
  const post = async (app: ChatApp, body: string) => {
    const response = await app.page.request.post(`/api/conversations/${conversationId}/messages`, {
      data: { id: randomUUID(), body },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), await response.text()).toBe(201);
  };
  for (let i = 0; i < 29; i += 1) await post(a, `History A ${i}`);
  // Opening a conversation resyncs the last 10 s (lib/realtime/resync RESYNC_MARGIN_MS): keep the
  // oldest messages outside that window so they really come from the older page.
  await a.page.waitForTimeout(11_000);
  for (let i = 0; i < 29; i += 1) await post(b, `History B ${i}`);

  // Alice has the chat open: she reads them as they come. Once her reads are stored, the reload
  // opens at the bottom (with unread messages it would open at the "New messages" divider).
  await expect(a.message("History B 28")).toBeVisible();
  await expect(async () => {
    const list = (await (await a.page.request.get("/api/conversations")).json()) as {
      conversations: { id: string; unreadCount: number }[];
    };
    expect(list.conversations.find((c) => c.id === conversationId)?.unreadCount).toBe(0);
  }).toPass();
  await a.page.reload();
  await expect(a.message("History B 28")).toBeInViewport();
  await expect(a.message("History A 0")).toHaveCount(0);
  await expect(a.page.getByRole("button", { name: "Jump to latest" })).toHaveCount(0);

  // Scroll up to the oldest loaded message: the older page loads (held back here until the
  // position is measured) and the message stays exactly where it was on screen.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await a.page.route(/\/messages\?.*before=/, async (route) => {
    await gate;
    await route.continue();
  });
  const anchor = a.message("History A 8");
  await anchor.scrollIntoViewIfNeeded();
  await expect(a.page.getByRole("button", { name: "Loading older messages…" })).toBeVisible();
  const before = (await anchor.boundingBox())!.y;
  release();
  await expect(a.message("History A 0")).toBeAttached();
  await expect(a.page.getByText("This is the beginning of the conversation.")).toBeAttached();
  await expect(anchor).toBeInViewport();
  const after = (await anchor.boundingBox())!.y;
  expect(Math.abs(after - before)).toBeLessThan(4);
  // Every message once.
  await expect(a.log.getByText(/^History [AB] \d+$/)).toHaveCount(58);

  const jump = a.page.getByRole("button", { name: "Jump to latest" });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(a.message("History B 28")).toBeInViewport();
  await expect(jump).toBeHidden();

  // A new message while reading the bottom follows along.
  await b.openConversation(ada.name);
  await b.send("Still there?");
  await expect(a.message("Still there?")).toBeInViewport();
});
