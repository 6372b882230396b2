// Settings kept on the account (issue 15): a theme and enter-to-send chosen in Settings on one device
// apply on my other device at once (user:settings), after its reload, and on a device signed in later.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("theme and enter-to-send chosen on my phone apply on my laptop live, after a reload and on a new device", async ({
  browser,
  request,
  baseURL,
}) => {
  const ana = await registerViaApi(request, baseURL!, newUser("ana"));
  const ben = await registerViaApi(request, baseURL!, newUser("ben"));
  const laptop = await ChatApp.signedIn(browser, ana, { colorScheme: "light" });
  const phone = await ChatApp.signedIn(browser, ana, { colorScheme: "light" });
  await laptop.startChatWith(ben);
  await laptop.send("Hello from the laptop");
  await expect(laptop.message("Hello from the laptop")).toBeVisible();
  const html = (app: ChatApp) => app.page.locator("html");
  await expect(html(laptop)).not.toHaveClass(/\bdark\b/);

  // On the phone: Settings → Chats.
  await phone.page.goto("/settings");
  const chats = phone.page.getByRole("region", { name: "Chats" });
  await chats.getByLabel("Theme", { exact: true }).selectOption({ label: "Dark" });
  await expect(html(phone)).toHaveClass(/\bdark\b/);
  await expect(chats.getByRole("status")).toHaveText("Saved.");
  await chats.getByRole("checkbox", { name: "Enter sends the message" }).uncheck();
  await expect(chats.getByRole("checkbox", { name: "Enter sends the message" })).not.toBeChecked();

  // The laptop follows without a reload: dark, and Enter now adds a line; Ctrl+Enter sends.
  await expect(html(laptop)).toHaveClass(/\bdark\b/);
  await expect(laptop.sendButton).toHaveAttribute("title", "Send (Ctrl+Enter)");
  await laptop.composer.fill("Line one");
  await laptop.composer.press("Enter");
  await laptop.composer.pressSequentially("Line two");
  await expect(laptop.composer).toHaveValue("Line one\nLine two");
  await laptop.composer.press("Control+Enter");
  await expect(laptop.composer).toHaveValue("");
  await expect(laptop.log).toContainText("Line two");

  // Kept on the account: after a reload, and on a device that never chose anything.
  await laptop.page.reload();
  await expect(html(laptop)).toHaveClass(/\bdark\b/);
  const tablet = await ChatApp.signedIn(browser, ana, { colorScheme: "light" });
  await expect(html(tablet)).toHaveClass(/\bdark\b/);
  await tablet.openConversation(ben.name);
  await expect(tablet.sendButton).toHaveAttribute("title", "Send (Ctrl+Enter)");

  // The sidebar's theme toggle stores its choice on the account too (dark → system).
  await tablet.page.getByRole("button", { name: /^Theme: Dark theme/ }).click();
  await expect(html(laptop)).not.toHaveClass(/\bdark\b/);
  await Promise.all([laptop.close(), phone.close(), tablet.close()]);
});
