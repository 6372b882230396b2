// axe-core scans of the main screens (light and dark): no serious or critical violations.
import { expect, test } from "@playwright/test";
import { testImage } from "./pages/chat-fixtures";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

test("landing, sign-in and sign-up pages", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Parley", level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "landing");
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in");
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-up");
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`chat screens (${colorScheme})`, async ({ browser, request, baseURL }) => {
    const uma = await registerViaApi(request, baseURL!, newUser("uma"));
    const vic = await registerViaApi(request, baseURL!, newUser("vic"));
    const wes = await registerViaApi(request, baseURL!, newUser("wes"));
    const u = await ChatApp.signedIn(browser, uma, { colorScheme });
    const v = await ChatApp.signedIn(browser, vic);

    await expectNoSeriousViolations(u.page, "empty chat list");

    await u.peopleTab.click();
    await u.page.getByLabel("Search people", { exact: true }).fill(`@${vic.username}`);
    await expect(u.page.getByRole("button", { name: `Message ${vic.name}` })).toBeVisible();
    await expectNoSeriousViolations(u.page, "people");

    await u.page.getByRole("button", { name: `Message ${vic.name}` }).click();
    await expect(u.conversationHeading(vic.name)).toBeVisible();
    await expectNoSeriousViolations(u.page, "empty conversation");

    await u.send("Hello there");
    await u.attachImage(await testImage("a11y.png"));
    await u.sendButton.click();
    await expect(u.image("you")).toBeVisible();
    await v.openConversation(uma.name);
    await v.send("Hi! Nice picture.");
    await expect(u.message("Hi! Nice picture.")).toBeVisible();
    await expect(u.log.getByText("Seen", { exact: true })).toBeVisible();
    await expectNoSeriousViolations(u.page, "conversation with messages");

    await u.page.getByRole("button", { name: "Image from you (open full size)" }).click();
    await expect(u.page.getByRole("dialog")).toBeVisible();
    await expectNoSeriousViolations(u.page, "image viewer");
    await u.page.keyboard.press("Escape");

    await u.newGroupButton.click();
    const dialog = u.page.getByRole("dialog", { name: "New group" });
    await dialog.getByLabel("Search people to add").fill(`@${wes.username}`);
    await expect(dialog.getByRole("checkbox", { name: wes.name })).toBeVisible();
    await dialog.getByRole("button", { name: "Create group" }).click();
    await expect(dialog.getByText("Give the group a name.")).toBeVisible();
    await expectNoSeriousViolations(u.page, "new group dialog");

    await u.close();
    await v.close();
  });
}

test("keyboard: the composer, sending and the sidebar are reachable without a mouse", async ({ browser, request, baseURL }) => {
  const kim = await registerViaApi(request, baseURL!, newUser("kim"));
  const lee = await registerViaApi(request, baseURL!, newUser("lee"));
  const k = await ChatApp.signedIn(browser, kim);
  await k.startChatWith(lee);
  await k.composer.focus();
  await k.page.keyboard.type("line one");
  await k.page.keyboard.press("Shift+Enter");
  await k.page.keyboard.type("line two");
  await expect(k.composer).toHaveValue("line one\nline two");
  await k.page.keyboard.press("Enter");
  await expect(k.log.getByText(/line one\s+line two/)).toBeVisible();
  await expect(k.composer).toHaveValue("");
  await expect(k.composer).toBeFocused();
  // Shift+Tab from the composer walks back through real buttons: voice note, files, image.
  await k.page.keyboard.press("Shift+Tab");
  await expect(k.page.getByRole("button", { name: "Record voice message" })).toBeFocused();
  await k.page.keyboard.press("Shift+Tab");
  await expect(k.page.getByRole("button", { name: "Attach files" })).toBeFocused();
  await k.page.keyboard.press("Shift+Tab");
  await expect(k.attachButton).toBeFocused();
  await k.close();
});
