// Mark as unread (lib/chat/unread-mark): from the list's context menu and from the chat header;
// a dot until the chat is opened again; the same on the user's other devices, live and after reload.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("mark a chat unread from the list and the header; the dot follows me to my other device", async ({ browser, request, baseURL }) => {
  const dana = await registerViaApi(request, baseURL!, newUser("dana"));
  const eli = await registerViaApi(request, baseURL!, newUser("eli"));
  const laptop = await ChatApp.signedIn(browser, dana);
  const phone = await ChatApp.signedIn(browser, dana);
  const e = await ChatApp.signedIn(browser, eli);

  await laptop.startChatWith(eli);
  await laptop.send("Lunch tomorrow?");
  await e.openConversation(dana.name);
  await e.send("Sure, noon works");
  await expect(laptop.message("Sure, noon works")).toBeVisible();
  await expect(e.log.getByText("Seen", { exact: true })).toBeVisible(); // Dana has read it
  await laptop.page.goto("/chat");

  const onLaptop = laptop.conversationLink(eli.name);
  const onPhone = phone.conversationLink(eli.name);
  await expect(onPhone).toContainText("Sure, noon works");
  await expect(onLaptop).not.toContainText("Marked as unread");

  // From the list, by right-click: the dot shows here and, live, on the other device.
  const rowMenu = laptop.page.getByRole("menu", { name: `Chat options for ${eli.name}` });
  // Right-click opens the menu once the page has hydrated (before that, the browser's own menu).
  await expect(async () => {
    await onLaptop.click({ button: "right" });
    await expect(rowMenu).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await rowMenu.getByRole("menuitem", { name: "Mark as unread" }).click();
  await expect(onLaptop).toContainText("Marked as unread");
  await expect(onPhone).toContainText("Marked as unread");
  // Eli sees nothing of it.
  await expect(e.conversationLink(dana.name)).not.toContainText("Marked as unread");

  // Opening the chat on the phone reads it: the dot goes away on both devices.
  await phone.openConversation(eli.name);
  await expect(onPhone).not.toContainText("Marked as unread");
  await expect(onLaptop).not.toContainText("Marked as unread");

  // From the chat header (keyboard-reachable menu): back to the list, with the dot.
  await phone.page.getByRole("button", { name: "Chat options", exact: true }).click();
  await phone.page.getByRole("menuitem", { name: "Mark as unread" }).click();
  await expect(phone.page).toHaveURL(/\/chat$/);
  await expect(onPhone).toContainText("Marked as unread");
  await expect(onLaptop).toContainText("Marked as unread");

  // It is stored, not only shown: a reload keeps it; "Mark as read" from the menu clears it.
  await laptop.page.reload();
  await expect(onLaptop).toContainText("Marked as unread");
  await laptop.page.getByRole("button", { name: `Chat options for ${eli.name}` }).click();
  await laptop.page.getByRole("menuitem", { name: "Mark as read" }).click();
  await expect(onLaptop).not.toContainText("Marked as unread");
  await expect(onPhone).not.toContainText("Marked as unread");

  await laptop.close();
  await phone.close();
  await e.close();
});
