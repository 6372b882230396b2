// Group admin (issue 15) with three people in their own browsers: the admin makes a member an admin,
// renames the group (everyone's header and timeline follow live, with the system message), lets
// only admins send (a plain member sees the notice instead of the composer), removes a member,
// whose open chat goes away at once, and invites them back with an invite link.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

test("an admin promotes, renames, restricts sending and removes; every member's screen follows live", async ({
  browser,
  request,
  baseURL,
}) => {
  const [ana, ben, cal] = await Promise.all(["ana", "ben", "cal"].map((n) => registerViaApi(request, baseURL!, newUser(n))));
  const a = await ChatApp.signedIn(browser, ana!);
  const b = await ChatApp.signedIn(browser, ben!);
  const c = await ChatApp.signedIn(browser, cal!);
  const name = "Climbing club";
  await a.conversationViaApi({ type: "group", name, memberIds: [ben!.id, cal!.id] });
  for (const app of [a, b, c]) await app.openConversation(name);

  // Ana makes Ben an admin: both timelines say so.
  await a.openGroupInfo();
  await expect(a.groupMember("You").getByText("Admin", { exact: true })).toBeVisible();
  await a.makeGroupAdmin(ben!.name);
  await expect(a.systemMessage(`You made ${ben!.name} an admin`)).toBeVisible();
  await expect(b.systemMessage(`${ana!.name} made you an admin`)).toBeVisible();
  await expect(c.systemMessage(`${ana!.name} made ${ben!.name} an admin`)).toBeVisible();

  // A rename shows in every member's header and timeline, without a reload.
  await a.renameGroup("Bouldering club");
  for (const app of [b, c]) {
    await expect(app.conversationHeading("Bouldering club")).toBeVisible();
    await expect(app.systemMessage(`${ana!.name} renamed the group to “Bouldering club”`)).toBeVisible();
  }
  await expect(c.conversationLink("Bouldering club")).toContainText(`${ana!.name} renamed the group`);

  // Only admins send: Cal sees the notice instead of the composer; Ben, now an admin, still writes.
  await a.setGroupSetting("Only admins can send messages", true);
  await expect(c.page.getByText("Only admins can send messages", { exact: true })).toBeVisible();
  await expect(c.composer).toHaveCount(0);
  await b.send("Admins only from now on");
  await expect(c.message("Admins only from now on")).toBeVisible();

  // Ana removes Cal: Cal's open chat goes away live; the others see why.
  await a.removeGroupMember(cal!.name);
  await expect(c.page).toHaveURL(/\/chat$/);
  await expect(c.conversationLink("Bouldering club")).toHaveCount(0);
  await expect(b.systemMessage(`${ana!.name} removed ${cal!.name}`)).toBeVisible();
  await expect(b.page.getByText("2 members")).toBeVisible();

  // Ana creates an invite link; Cal opens it: a preview (name, member count, no members), then Join.
  const link = await a.createInviteLink();
  await c.page.goto(link);
  await expect(c.page.getByRole("heading", { name: "Bouldering club", level: 2 })).toBeVisible();
  await expect(c.page.getByText("2 members", { exact: true })).toBeVisible();
  await expect(c.page.getByText(ben!.name)).toHaveCount(0);
  await c.page.getByRole("button", { name: "Join group" }).click();
  await expect(c.conversationHeading("Bouldering club")).toBeVisible();
  await expect(b.systemMessage(`${cal!.name} joined using an invite link`)).toBeVisible();
  await expect(c.systemMessage("You joined using an invite link")).toBeVisible();

  await Promise.all([a.close(), b.close(), c.close()]);
});
