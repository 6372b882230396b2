// The narrow (phone) layout end to end: one pane at a time, back button, live delivery.
import { devices } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { testImage } from "./pages/chat-fixtures";

const phone = { ...devices["Pixel 7"] };
test.use({ aliceContext: phone });

test("phone: list → conversation → back, with live messages both ways", async ({ alice: m, bob: n, users: { alice: mia, bob: ned } }) => {
  // One pane: the list, no conversation pane.
  await expect(m.conversations.or(m.page.getByText("No conversations yet."))).toBeVisible();
  await expect(m.composer).toHaveCount(0);

  await m.openConversation(ned.name);
  // The conversation fills the screen; the sidebar is hidden; a back button is offered.
  await expect(m.page.getByRole("heading", { name: "Chats", level: 1 })).toBeHidden();
  const back = m.page.getByRole("link", { name: "Back to conversations" });
  await expect(back).toBeVisible();

  await m.send("Sent from my phone");
  await expect(m.message("Sent from my phone")).toBeVisible();
  await m.attachImage(await testImage("phone.png", "#22c55e"));
  await m.sendButton.click();
  await expect(m.image("you")).toBeVisible();

  await n.openConversation(mia.name);
  await expect(n.message("Sent from my phone")).toBeVisible();
  await expect(n.image(mia.name)).toBeVisible();
  await n.send("Got it on desktop");
  await expect(m.message("Got it on desktop")).toBeVisible();
  await expect(m.log.getByText("Seen", { exact: true })).toBeVisible();

  await back.click();
  await expect(m.page).toHaveURL(/\/chat$/);
  await expect(m.page.getByRole("heading", { name: "Chats", level: 1 })).toBeVisible();
  await expect(m.conversationLink(ned.name)).toContainText("Got it on desktop");
  await expect(m.composer).toHaveCount(0);

  // Back in via the list; the history is there.
  await m.openConversation(ned.name);
  await expect(m.message("Sent from my phone")).toBeVisible();
});
