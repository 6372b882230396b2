// Mentions in a group (lib/chat/mentions): "@" in the composer suggests members (keyboard and
// mouse, an accessible listbox that passes axe); the mention shows the member's current name,
// stands out for the person mentioned, and gives their list row an "@" badge until they open it.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

test("mention a member with the keyboard and the mouse; highlighted for them, an @ badge in their list", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const ana = await registerViaApi(request, baseURL!, newUser("ana"));
  const ben = await registerViaApi(request, baseURL!, newUser("ben"));
  const cy = await registerViaApi(request, baseURL!, newUser("cy"));
  const a = await ChatApp.signedIn(browser, ana);
  const b = await ChatApp.signedIn(browser, ben);
  const c = await ChatApp.signedIn(browser, cy);
  await a.createGroup("Mention crew", [ben, cy]);

  // Keyboard: "@" + the start of Ben's name, arrow, Enter picks.
  await a.composer.fill("Ping ");
  await a.composer.pressSequentially(`@${ben.name.slice(0, 3)}`);
  const suggestions = a.page.getByRole("listbox", { name: "Mention suggestions" });
  await expect(suggestions).toBeVisible();
  await expect(suggestions.getByRole("option", { name: ben.name })).toBeVisible();
  await expect(suggestions.getByRole("option", { name: cy.name })).toHaveCount(0);
  await expectNoSeriousViolations(a.page, "mention suggestions", '[role="listbox"]');
  await a.composer.press("Enter");
  await expect(suggestions).toBeHidden();
  await expect(a.composer).toHaveValue(`Ping @${ben.name} `);
  await a.composer.pressSequentially("please check");
  await a.composer.press("Enter");

  // Ben's list: an @ badge on the group's row, before he opens it.
  const row = b.conversationLink("Mention crew");
  await expect(row).toContainText("@");
  await expect(row.getByLabel(/mention/i)).toBeVisible();
  // Cy was not mentioned: no badge.
  await expect(c.conversationLink("Mention crew").getByLabel(/mention/i)).toHaveCount(0);

  // In the chat the mention shows Ben's name, highlighted for him only.
  await b.openConversation("Mention crew");
  const mention = b.log.getByText(`@${ben.name}`);
  await expect(mention).toBeVisible();
  await expect(mention).toContainText("(mentions you)");
  await c.openConversation("Mention crew");
  await expect(c.log.getByText(`@${ben.name}`)).toBeVisible();
  await expect(c.log.getByText("(mentions you)")).toHaveCount(0);
  // Opening the chat cleared Ben's badge.
  await expect(b.conversationLink("Mention crew").getByLabel(/mention/i)).toHaveCount(0);

  // Mouse: Cy picks Ana from the list.
  await c.composer.pressSequentially("@");
  await c.page.getByRole("listbox", { name: "Mention suggestions" }).getByRole("option", { name: ana.name }).click();
  await expect(c.composer).toHaveValue(`@${ana.name} `);
  await c.composer.press("Enter");
  await expect(a.log.getByText(`@${ana.name}`)).toContainText("(mentions you)");

  await a.close();
  await b.close();
  await c.close();
});
