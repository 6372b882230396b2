// My status (issue 15): chosen from my avatar in the sidebar; the other person sees it live in
// the chat header and the list (Busy, then offline while I am invisible, then Active now), a call
// to me while busy is refused as "busy (do not disturb)", the choice survives a reload, and "Away"
// comes by itself when my device is idle and goes on my next input.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { systemChromium } from "./support/system-chromium";
import { newUser, registerViaApi } from "./support/users";

// Ann's call to busy Ben gets as far as the server: a fake microphone, no permission prompt.
const { launchOptions } = systemChromium();
test.use({
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions?.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

test("busy, invisible and online reach the other person live; a busy callee is not rung; away comes by itself", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const ben = await registerViaApi(request, baseURL!, newUser("ben"));
  const a = await ChatApp.signedIn(browser, ann);
  const b = await ChatApp.signedIn(browser, ben);

  await a.startChatWith(ben);
  await a.send("Free for a call?");
  await b.openConversation(ann.name);
  const header = a.page.locator("header").filter({ has: a.conversationHeading(ben.name) });
  await expect(header.getByText("Active now", { exact: true })).toBeVisible();

  // Busy: Ann sees it at once, in the header and on the list row.
  await b.setStatus("Busy");
  await expect(header.getByText("Busy", { exact: true })).toBeVisible();
  await expect(a.conversationLink(ben.name)).toContainText("(busy)");
  // A call to Ben is refused as busy; nothing rings on Ben's side.
  await a.page.context().grantPermissions(["microphone"]);
  await a.page.getByRole("button", { name: "Voice call" }).click();
  await expect(a.page.getByText(`${ben.name} is busy (do not disturb).`)).toBeVisible();
  await expect(b.page.getByRole("dialog", { name: /Incoming (video|voice) call/ })).toHaveCount(0);

  // The choice is stored on the account: a reload keeps it.
  await b.page.reload();
  await expect(b.page.getByRole("button", { name: /^Status: Busy/ })).toBeVisible();

  // Invisible: offline to Ann (no "Active now", no status), live.
  await b.setStatus("Invisible");
  await expect(header.getByText("Busy", { exact: true })).toHaveCount(0);
  await expect(header.getByText("Active now", { exact: true })).toHaveCount(0);
  await expect(a.conversationLink(ben.name)).not.toContainText("(online)");

  // Online again: Active now.
  await b.setStatus("Online");
  await expect(header.getByText("Active now", { exact: true })).toBeVisible();

  await a.close();
  await b.close();
});

test("away comes by itself when my device is idle and goes on my next input", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const cai = await registerViaApi(request, baseURL!, newUser("cai"));
  const dee = await registerViaApi(request, baseURL!, newUser("dee"));
  const c = await ChatApp.signedIn(browser, cai);
  // Dee's page runs on a controllable clock from its first load, so the idle check's timer is on it.
  const d = await ChatApp.signedIn(browser, dee, {}, { open: false });
  await d.page.clock.install();
  await d.openChats();
  await c.startChatWith(dee);
  await c.send("Still there?");
  await d.openConversation(cai.name);
  const header = c.page.locator("header").filter({ has: c.conversationHeading(dee.name) });
  await expect(header.getByText("Active now", { exact: true })).toBeVisible();

  // Dee's tab: no input for five minutes (its clock jumps ahead; the idle check runs every 30 s).
  await d.page.clock.fastForward("05:31");
  await expect(header.getByText("Away", { exact: true })).toBeVisible();
  await expect(d.page.getByRole("button", { name: /^Status: Away/ })).toBeVisible();

  // Dee moves the mouse: back, live.
  await d.page.mouse.move(200, 200);
  await d.page.mouse.move(240, 260);
  await expect(header.getByText("Active now", { exact: true })).toBeVisible();
  await expect(d.page.getByRole("button", { name: /^Status: Online/ })).toBeVisible();

  await c.close();
  await d.close();
});
