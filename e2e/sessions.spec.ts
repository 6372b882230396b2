// Sessions and devices end to end (issue #17): two devices of one user, the list in the settings,
// signing out the other device, "sign out all other sessions", and the new-device notice by mail.
import { expect, test, type Browser } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { waitForE2eMail } from "./support/mail";
import { newUser, registerViaApi, type RegisteredUser } from "./support/users";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";

async function signInOn(browser: Browser, user: RegisteredUser, userAgent?: string) {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, user.password);
  await new ChatPage(page).expectSignedInAs(user.name);
  return { context, page };
}

test("list my sessions, sign out the other device, then all others; a new device is announced by mail", async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  const user = await registerViaApi(request, baseURL!, newUser("devices"));
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, user.password);
  await new ChatPage(page).expectSignedInAs(user.name);

  const firefox = await signInOn(browser, user, FIREFOX);
  const mail = await waitForE2eMail(user.email, /New sign-in/);
  expect(mail.text).toContain("Firefox on Linux");

  const settings = new SettingsPage(page);
  await settings.goto();
  const list = page.getByRole("list", { name: "Signed-in sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  const other = list.getByRole("listitem", { name: "Firefox on Linux" });
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);

  await firefox.page.goto("/chat");
  await expect(firefox.page).toHaveURL(/\/sign-in/);
  await firefox.context.close();

  // Two more devices, then "all other sessions": this one stays.
  const second = await signInOn(browser, user, FIREFOX);
  const third = await signInOn(browser, user);
  await page.reload();
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("No other device is signed in.")).toBeVisible();
  for (const device of [second, third]) {
    await device.page.goto("/chat");
    await expect(device.page).toHaveURL(/\/sign-in/);
    await device.context.close();
  }
  await page.goto("/chat");
  await new ChatPage(page).expectSignedInAs(user.name);
});
