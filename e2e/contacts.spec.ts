// Usernames and contacts (issue 15): Ann has no username and Settings asks her for one (a taken or
// reserved one is refused with a clear message); Ben finds her by @username (not by her name: no
// directory of strangers) and asks her to be a contact; her badge and inbox show it at once, she
// accepts and both contacts lists show each other without a reload; Cat's request, cancelled,
// leaves Ann's badge live, and asked again is blocked from the inbox; a contact opens our 1:1 from the list. Privacy: Alice hides her last seen
// and online from everyone in Settings (another tab) and Bob's header stops showing her online or
// her last activity without a reload; "Everyone" shows them again.
import { expect, test } from "@playwright/test";
import { test as twoUsers } from "./fixtures/two-users";
import { ChatApp } from "./pages/chat-app";
import { SettingsPage } from "./pages/settings-page";
import { newUser, registerViaApi } from "./support/users";

test("set a username, be found by it, and a contact request accepted live on both sides", async ({ browser, request, baseURL }) => {
  const ann = await registerViaApi(request, baseURL!, { ...newUser("ann"), username: undefined });
  const ben = await registerViaApi(request, baseURL!, newUser("ben"));
  const cat = await registerViaApi(request, baseURL!, newUser("cat"));
  const annHandle = `ann_${Date.now().toString(36)}`;
  const a = await ChatApp.signedIn(browser, ann);
  const b = await ChatApp.signedIn(browser, ben);

  // Settings: no username yet, so it asks; taken (in another case) and reserved names are refused.
  const settings = new SettingsPage(a.page);
  await settings.goto();
  await expect(a.page.getByText("Choose a username so people can find you.", { exact: false })).toBeVisible();
  await settings.username.fill(`@${ben.username!.toUpperCase()}`);
  await settings.saveDetails.click();
  await expect(a.page.getByText("This username is taken. Choose another.").first()).toBeVisible();
  await expect(settings.username).toHaveAttribute("aria-invalid", "true");
  await settings.username.fill("Admin");
  await settings.saveDetails.click();
  await expect(a.page.getByText("This username is reserved. Choose another.").first()).toBeVisible();
  await settings.setUsername(annHandle.toUpperCase(), "Tea and tests");
  await a.page.reload();
  await expect(settings.username).toHaveValue(annHandle);
  await a.page.goto("/chat");

  // Ben: Ann is a stranger, so her name finds nobody; her @username does.
  await b.peopleTab.click();
  const search = b.page.getByLabel("Search people", { exact: true });
  await search.fill(ann.name);
  await expect(b.page.getByText("Nobody found.")).toBeVisible();
  await search.fill(`@${annHandle}`);
  const found = b.page.getByRole("list", { name: "People found" });
  await expect(found.getByRole("button", { name: `Message ${ann.name}` })).toContainText(`@${annHandle} · Tea and tests`);
  await found.getByRole("button", { name: `Add ${ann.name} as a contact` }).click();
  await expect(found.getByText("Requested", { exact: true })).toBeVisible();

  // Ann, live: the badge beside People, and the request in her inbox.
  const annBadge = a.page.getByRole("status", { name: "1 contact request" });
  await expect(annBadge).toBeVisible();
  await a.peopleTab.click();
  const requests = a.page.getByRole("list", { name: "Contact requests" });
  await expect(requests.getByText(ben.name)).toBeVisible();
  await requests.getByRole("button", { name: `Accept ${ben.name}` }).click();
  await expect(annBadge).toBeHidden();
  const annContacts = a.page.getByRole("list", { name: "Contacts" });
  await expect(annContacts.getByRole("button", { name: `Message ${ben.name}` })).toBeVisible();

  // Ben, live: "Contact" in his search results, and Ann in his contacts list.
  await expect(found.getByText("Contact", { exact: true })).toBeVisible();
  await search.fill("");
  await expect(b.page.getByRole("list", { name: "Contacts" }).getByRole("button", { name: `Message ${ann.name}` })).toBeVisible();

  // Cat asks too, then cancels: Ann's badge follows both, live.
  const c = await ChatApp.signedIn(browser, cat);
  await c.peopleTab.click();
  await c.page.getByLabel("Search people", { exact: true }).fill(`@${annHandle}`);
  await c.page.getByRole("button", { name: `Add ${ann.name} as a contact` }).click();
  await expect(annBadge).toBeVisible();
  await expect(requests.getByText(cat.name)).toBeVisible();
  await c.page.getByLabel("Search people", { exact: true }).fill("");
  await c.page.getByRole("button", { name: `Cancel request to ${ann.name}` }).click();
  await expect(annBadge).toBeHidden();
  await expect(requests).toBeHidden();
  // Cat asks again and Ann blocks her from the inbox: the request goes, silently for Cat.
  await c.page.getByLabel("Search people", { exact: true }).fill(`@${annHandle}`);
  await c.page.getByRole("button", { name: `Add ${ann.name} as a contact` }).click();
  await expect(annBadge).toBeVisible();
  await requests.getByRole("button", { name: `Block ${cat.name}` }).click();
  await expect(annBadge).toBeHidden();
  await expect(requests).toBeHidden();

  // The contacts filter, and a contact opens our 1:1.
  const filter = a.page.getByLabel("Filter contacts");
  await filter.fill("nobody-like-this");
  await expect(a.page.getByText("No contact matches.")).toBeVisible();
  await filter.fill(ben.name.slice(0, 6));
  await annContacts.getByRole("button", { name: `Message ${ben.name}` }).click();
  await expect(a.conversationHeading(ben.name)).toBeVisible();

  await Promise.all([a.close(), b.close(), c.close()]);
});

twoUsers(
  "privacy: last seen & online set to Nobody is seen by the other user without a reload",
  async ({ alice: a, bob: b, users: { alice, bob } }) => {
    await a.openConversation(bob.name);
    await b.openConversation(alice.name);
    const aliceOnline = b.page.getByText("Active now", { exact: true });
    await expect(aliceOnline).toBeVisible();

    // Alice's Settings in another tab: her chat tab stays open (and would keep her online).
    const tab = await a.page.context().newPage();
    const settings = new SettingsPage(tab);
    await settings.goto();
    const lastSeen = tab.getByRole("form", { name: "Privacy" }).getByLabel("Last seen and online", { exact: true });
    const save = tab.getByRole("button", { name: "Save privacy" });
    const saved = tab.getByRole("status").filter({ hasText: "Privacy settings saved." });
    await lastSeen.selectOption("nobody");
    await save.click();
    await expect(saved).toBeVisible();
    // Bob, live: neither online nor a last activity.
    await expect(aliceOnline).toHaveCount(0);
    await expect(b.page.getByText("Offline", { exact: true }).first()).toBeVisible();
    await expect(b.page.getByText(/^Active (just now|\d)/)).toHaveCount(0);

    await lastSeen.selectOption("everyone");
    await save.click();
    await expect(saved).toBeVisible();
    await expect(aliceOnline).toBeVisible();
    await tab.close();
  },
);
