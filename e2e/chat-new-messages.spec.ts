// "New messages": opening a chat with unread messages shows a divider before the first of them;
// scrolled up, messages that arrive are counted on "Jump to latest", which brings the reader down.
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures/two-users";

test("a divider at the first unread message; jump to latest counts what arrived while scrolled up", async ({
  alice: a,
  bob: b,
  users: { alice: ada },
  conversationId,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const post = async (body: string) => {
    const response = await a.page.request.post(`/api/conversations/${conversationId}/messages`, {
      data: { id: randomUUID(), body },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), await response.text()).toBe(201);
  };
  // Bob has read the start of the conversation.
  await post("Read before 1");
  await b.openConversation(ada.name);
  await expect(b.message("Read before 1")).toBeVisible();
  await b.page.goto("/chat");
  // Then 25 more arrive while he is on the list.
  for (let i = 1; i <= 25; i += 1) await post(`Unread ${i}`);
  await expect(b.conversationLink(ada.name)).toContainText("Unread 25");

  await b.openConversation(ada.name);
  const divider = b.log.getByRole("separator", { name: "New messages" });
  await expect(divider).toBeVisible();
  // It sits right before the first unread message, and the view starts there.
  const next = divider.locator("xpath=../following-sibling::li[@data-message-id][1]");
  await expect(next).toContainText("Unread 1");
  await expect(b.message("Unread 1")).toBeInViewport();

  // Scrolled up, two new messages: "Jump to latest (2 new messages)".
  await b.page.getByRole("region", { name: "Message history" }).evaluate((el) => (el.scrollTop = 0));
  const jump = b.page.getByRole("button", { name: /^Jump to latest/ });
  await expect(jump).toBeVisible();
  await post("Fresh 1");
  await post("Fresh 2");
  await expect(jump).toHaveAccessibleName("Jump to latest (2 new messages)");
  await jump.click();
  await expect(b.message("Fresh 2")).toBeInViewport();
  await expect(jump).toBeHidden();

  // The divider stays while the chat is open; reopened, everything is read: no divider.
  await expect(divider).toBeVisible();
  await b.page.goto("/chat");
  await b.openConversation(ada.name);
  await expect(b.message("Fresh 2")).toBeVisible();
  await expect(b.log.getByRole("separator", { name: "New messages" })).toHaveCount(0);
});
