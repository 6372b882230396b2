// "Delete my account" end to end (issue #17): Bob deletes his account from the settings (password
// confirmation); he lands on the sign-in page signed out and cannot sign in again; Alice, in her
// own browser, sees "Deleted account" in her chat with Bob (live, and after a reload), keeps his
// messages and can no longer send to him.
import { expect, test } from "./fixtures/two-users";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";

test("Bob deletes his account: Alice sees “Deleted account” in her chat with him", async ({ alice: a, bob: b, users: { alice, bob } }) => {
  await b.openConversation(alice.name);
  await b.send("Goodbye from Bob");
  await expect(a.conversationLink(bob.name)).toContainText("Goodbye from Bob");
  await a.openConversation(bob.name);
  await expect(a.message("Goodbye from Bob")).toBeVisible();

  // A wrong password is refused in the dialog, nothing happens.
  const settings = new SettingsPage(b.page);
  await settings.goto();
  await b.page.getByRole("button", { name: "Delete my account", exact: true }).click();
  const dialog = b.page.getByRole("dialog", { name: "Delete your account?" });
  await dialog.getByLabel("Password", { exact: true }).fill("not my password");
  await dialog.getByRole("button", { name: "Delete my account permanently" }).click();
  await expect(dialog.getByRole("alert").first()).toContainText("The password is not correct.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await settings.deleteAccount(bob.password);

  // Alice's open chat: the header and her list say "Deleted account" (live, by the conversation update).
  await expect(a.conversationHeading("Deleted account")).toBeVisible();
  await expect(a.conversationLink("Deleted account")).toBeVisible();
  await expect(a.conversationLink(bob.name)).toHaveCount(0);
  // After a reload too; Bob's message is still there, and sending is refused.
  await a.page.reload();
  await expect(a.conversationHeading("Deleted account")).toBeVisible();
  await expect(a.message("Goodbye from Bob")).toBeVisible();
  await expect(a.page.getByText(bob.name)).toHaveCount(0);

  // Bob's old password no longer signs in.
  const signIn = new SignInPage(b.page);
  await signIn.goto();
  await signIn.signIn(bob.email, bob.password);
  await expect(b.page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});
