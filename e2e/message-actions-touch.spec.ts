// Message actions on a touch screen (issue 13): a long press on a message bubble opens its actions
// menu, a short tap does not, and the menu works (reply, seen by the other person). Alice is on a
// phone (Pixel 7: touch, mobile viewport); the touches are real touch events sent through the
// Chrome DevTools Protocol (Input.dispatchTouchEvent), which the browser turns into pointer events of
// type "touch" as a finger would, held past the long-press threshold (450 ms,
// components/chat/message/message-actions.tsx).
import { randomUUID } from "node:crypto";
import { devices, type CDPSession, type Locator } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { expectNoSeriousViolations } from "./support/axe";

test.use({ aliceContext: { ...devices["Pixel 7"] } });

/** A finger on the middle of `target`, lifted after `holdMs`. */
async function press(cdp: CDPSession, target: Locator, holdMs: number) {
  const box = await target.boundingBox();
  if (!box) throw new Error("the message is not on screen");
  const point = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

test("phone: a long press on a message opens its actions menu, a tap does not; reply from it", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
  baseURL,
}) => {
  const response = await b.page.request.post(`/api/conversations/${conversationId}/messages`, {
    data: { id: randomUUID(), body: "Lunch at noon?" },
    headers: { Origin: baseURL! },
  });
  expect(response.status(), await response.text()).toBe(201);

  await a.openConversation(bo.name);
  const bubble = a.message("Lunch at noon?");
  await expect(bubble).toBeVisible();
  const menu = a.page.getByRole("menu", { name: "More actions" });
  const cdp = await a.page.context().newCDPSession(a.page);

  // A short tap (well under the threshold) leaves the menu closed, also once the threshold has passed.
  await press(cdp, bubble, 60);
  await a.page.waitForTimeout(800);
  await expect(menu).toBeHidden();

  // A long press opens it, with every action of someone else's message as a menu item.
  await press(cdp, bubble, 900);
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Reply" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Add reaction…" })).toBeVisible();
  await expectNoSeriousViolations(a.page, "message actions menu opened by a long press");

  // It works: Reply from the menu, and Bob sees the quote.
  await menu.getByRole("menuitem", { name: "Reply" }).click();
  await expect(menu).toBeHidden();
  await expect(a.page.getByText(`Replying to ${bo.name}`)).toBeVisible();
  await a.send("Yes, see you there");
  await expect(a.message("Yes, see you there")).toBeVisible();
  await b.openConversation(ada.name);
  const reply = b.log.getByRole("listitem").filter({ has: b.page.getByText("Yes, see you there", { exact: true }) });
  await expect(reply.getByRole("button", { name: /^Reply to You: Lunch at noon\?/ })).toBeVisible();
});
