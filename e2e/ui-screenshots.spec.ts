// Screenshots of the main screens for the README: desktop light and dark, phone. They are written
// to docs/screenshots/ only with UPDATE_SCREENSHOTS=1 (so `npm test` never rewrites tracked files),
// otherwise to this test's output folder:
//   UPDATE_SCREENSHOTS=1 npx playwright test e2e/ui-screenshots.spec.ts
import path from "node:path";
import { devices, expect, test } from "@playwright/test";
import { testImage } from "./pages/chat-fixtures";
import { ChatApp } from "./pages/chat-app";
import { registerViaApi, type TestUser } from "./support/users";

const person = (name: string): TestUser => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const first = name.split(" ")[0]!.toLowerCase();
  // A username: strangers are found by it (issue 15), as the group dialog does below.
  return { name, email: `${first}-${id}@parley.test`, password: `Correct horse ${id}`, username: `${first}_${id}` };
};

test("screenshots of the main screens", async ({ browser, request, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? path.resolve("docs/screenshots") : testInfo.outputPath("screenshots");
  const alice = await registerViaApi(request, baseURL!, person("Alice Martin"));
  const bob = await registerViaApi(request, baseURL!, person("Bob Okafor"));
  const carol = await registerViaApi(request, baseURL!, person("Carol Nguyen"));
  const size = { viewport: { width: 1280, height: 800 } };
  const a = await ChatApp.signedIn(browser, alice, size);
  const b = await ChatApp.signedIn(browser, bob, size);
  const c = await ChatApp.signedIn(browser, carol, size);

  await a.createGroup("Design team", [bob, carol]);
  await a.send("Morning all! Shall we review the new onboarding screens today?");
  await c.openConversation("Design team");
  await c.send("Yes please — 2pm works for me.");
  await expect(a.message("Yes please — 2pm works for me.")).toBeVisible();

  await a.startChatWith(bob);
  await a.send("Hey Bob, how was the trip?");
  await b.openConversation(alice.name);
  await b.send("Amazing! The views were unreal.");
  await b.attachImage(await testImage("view.png", "#0369a1"));
  await b.sendButton.click();
  await b.send("Here's one from the summit");
  await expect(a.message("Here's one from the summit")).toBeVisible();
  await a.send("Wow, that's stunning!\nSend me the rest when you can.");
  await expect(a.log.getByRole("listitem").filter({ hasText: "Wow, that's stunning!" }).getByText("Seen", { exact: true })).toBeVisible();
  // A pinned message (the bar at the top of the chat) and a starred one (its marker): issue 13.
  await a.runMessageAction("Amazing! The views were unreal.", "Pin");
  await expect(a.page.getByRole("region", { name: "Pinned messages" })).toBeVisible();
  await a.runMessageAction("Here's one from the summit", "Star");
  await expect(a.messageRow("Here's one from the summit").getByText("Starred", { exact: true })).toBeAttached();
  await b.composer.pressSequentially("Sure, uploading", { delay: 40 });
  await expect(a.page.getByText("typing…").first()).toBeVisible();

  await a.log.hover();
  await a.page.screenshot({ path: path.join(dir, "desktop-light.png") });
  await a.page.emulateMedia({ colorScheme: "dark" });
  await a.page.reload();
  await expect(a.message("Here's one from the summit")).toBeVisible();
  await a.page.waitForTimeout(500);
  await a.page.screenshot({ path: path.join(dir, "desktop-dark.png") });
  await a.page.emulateMedia({ colorScheme: "light" });

  await a.newGroupButton.click();
  const dialog = a.page.getByRole("dialog", { name: "New group" });
  await dialog.getByLabel("Group name").fill("Climbing club");
  await dialog.getByLabel("Search people to add").fill("Bo"); // a search takes two letters
  await expect(dialog.getByRole("checkbox").first()).toBeVisible();
  await dialog.getByRole("checkbox", { name: bob.name }).check();
  await a.page.screenshot({ path: path.join(dir, "desktop-new-group.png") });
  await a.page.keyboard.press("Escape");

  await a.page.getByRole("button", { name: "Starred messages" }).click();
  const starred = a.page.getByRole("dialog", { name: "Starred messages" });
  await expect(starred.getByRole("button", { name: /Here's one from the summit/ })).toBeVisible();
  await a.page.screenshot({ path: path.join(dir, "desktop-starred.png") });
  await a.page.keyboard.press("Escape");

  const phone = await ChatApp.signedIn(browser, bob, { ...devices["Pixel 7"] });
  await expect(phone.conversationLink(alice.name)).toBeVisible();
  await phone.page.screenshot({ path: path.join(dir, "phone-list.png") });
  await phone.openConversation(alice.name);
  await expect(
    phone.message("Wow, that's stunning!\nSend me the rest when you can.").or(phone.log.getByText(/Wow, that's stunning!/)),
  ).toBeVisible();
  await phone.page.screenshot({ path: path.join(dir, "phone-conversation.png") });

  await Promise.all([a.close(), b.close(), c.close(), phone.close()]);
});
