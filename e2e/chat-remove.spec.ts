// Leaving a group and deleting a 1:1 from the conversation header: it affects only me.
import { expect, test } from "./fixtures/two-users";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("delete a 1:1 hides it for me only; a new message brings it back without the old history", async ({
  alice: d,
  bob: e,
  users: { alice: dana, bob: eli },
}) => {
  await d.openConversation(eli.name);
  await d.send("Old news");
  await expect(e.conversationLink(dana.name)).toContainText("Old news");

  await d.page.getByRole("button", { name: "Delete chat" }).click();
  const dialog = d.page.getByRole("dialog", { name: "Delete this chat?" });
  await dialog.getByRole("button", { name: "Delete chat" }).click();
  await expect(d.page).toHaveURL(/\/chat$/);
  await expect(d.conversationLink(eli.name)).toHaveCount(0);

  // Eli keeps the whole history.
  await e.openConversation(dana.name);
  await expect(e.message("Old news")).toBeVisible();

  // Eli writes again: the chat comes back for Dana, showing only what came after.
  await e.send("Are you there?");
  await expect(d.conversationLink(eli.name)).toContainText("Are you there?");
  await d.openConversation(eli.name);
  await expect(d.message("Are you there?")).toBeVisible();
  await expect(d.message("Old news")).toHaveCount(0);
});

test("leave a group: it leaves my list, the others keep my messages", async ({ browser, request, baseURL }) => {
  const [fay, gus, hal] = await Promise.all(["fay", "gus", "hal"].map((n) => registerViaApi(request, baseURL!, newUser(n))));
  const f = await ChatApp.signedIn(browser, fay!);
  const g = await ChatApp.signedIn(browser, gus!);

  await f.createGroup("Book club", [gus!, hal!]);
  await f.send("Chapter 3 by Friday");
  await expect(g.conversationLink("Book club")).toContainText("Chapter 3 by Friday");

  await f.page.getByRole("button", { name: "Leave group" }).click();
  await f.page.getByRole("dialog", { name: "Leave Book club?" }).getByRole("button", { name: "Leave group" }).click();
  await expect(f.page).toHaveURL(/\/chat$/);
  await expect(f.conversationLink("Book club")).toHaveCount(0);

  await g.openConversation("Book club");
  await expect(g.message("Chapter 3 by Friday")).toBeVisible();
  await expect(g.page.getByText("2 members")).toBeVisible();

  await f.close();
  await g.close();
});
