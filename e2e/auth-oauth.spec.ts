// OAuth sign-in end to end against local OAuth 2 / OIDC servers (e2e/support/oauth-mock-server.ts):
// the browser really goes to the provider's authorize URL and back through NextAuth's callback.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { githubMockUrl, OAUTH_MOCK, oidcMockUrl } from "./support/oauth-mock-config";
import { newUser, registerViaApi } from "./support/users";

interface Identity {
  sub: string;
  email: string | null;
  name: string;
  email_verified: boolean;
}

async function nextIdentity(request: APIRequestContext, server: string, identity: Identity) {
  const response = await request.post(`${server}/__test/identity`, { data: identity });
  expect(response.status()).toBe(204);
}

const providers = [
  { label: "GitHub", server: githubMockUrl, method: "GitHub", sub: () => String(Date.now() % 1_000_000_000) },
  { label: OAUTH_MOCK.oidcName, server: oidcMockUrl, method: "OpenID Connect", sub: () => `oidc-${Date.now()}` },
];

for (const provider of providers) {
  test(`sign in with ${provider.label} creates the user and the Account; another browser stays signed out`, async ({
    page,
    browser,
    request,
  }) => {
    const name = `${provider.label} Person ${Date.now().toString(36)}`;
    const email = `oauth-${Date.now().toString(36)}@parley.test`;
    await nextIdentity(request, provider.server, { sub: provider.sub(), email, name, email_verified: true });

    const signIn = new SignInPage(page);
    await signIn.goto("/settings");
    await signIn.providerButton(provider.label).click();
    await expect(page).toHaveURL(/\/settings$/);
    const settings = new SettingsPage(page);
    await expect(settings.displayName).toHaveValue(name);
    // The Account row: the provider is listed as a sign-in method.
    await expect(settings.signInMethods.getByRole("listitem")).toHaveText([provider.method]);
    await expect(page.getByText(email)).toBeVisible();

    await page.goto("/chat");
    await new ChatPage(page).expectSignedInAs(name);

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto("/chat");
    await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fchat/);
    await other.close();
  });
}

test("an OAuth login is never linked to an existing account by email", async ({ page, browser, request }) => {
  // The existing account's address is verified (it came from GitHub, which vouched for it).
  const email = `victim-${Date.now().toString(36)}@parley.test`;
  await nextIdentity(request, githubMockUrl, {
    sub: String((Date.now() + 7) % 1_000_000_000),
    email,
    name: "Victim",
    email_verified: true,
  });
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  const ownerSignIn = new SignInPage(ownerPage);
  await ownerSignIn.goto("/settings");
  await ownerSignIn.providerButton("GitHub").click();
  await expect(ownerPage).toHaveURL(/\/settings$/);
  await owner.close();

  await nextIdentity(request, oidcMockUrl, { sub: `attacker-${Date.now()}`, email, name: "Attacker", email_verified: true });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.providerButton(OAUTH_MOCK.oidcName).click();
  await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthAccountNotLinked/);
  await expect(signIn.error("accounts are never joined by email alone")).toBeVisible();
});

test("a provider-verified login claims an address that a password account never verified, without joining it", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  // Someone registered the address with a password but never proved it is theirs.
  const squatter = await registerViaApi(request, baseURL!, newUser("squatter"));
  const name = `Real Owner ${Date.now().toString(36)}`;
  await nextIdentity(request, oidcMockUrl, { sub: `owner-${Date.now()}`, email: squatter.email, name, email_verified: true });
  const signIn = new SignInPage(page);
  await signIn.goto("/settings");
  await signIn.providerButton(OAUTH_MOCK.oidcName).click();
  await expect(page).toHaveURL(/\/settings$/);
  const settings = new SettingsPage(page);
  await expect(settings.displayName).toHaveValue(name);
  await expect(page.getByText(squatter.email)).toBeVisible();
  // A new account: only the provider signs in to it, not the squatter's password.
  await expect(settings.signInMethods.getByRole("listitem")).toHaveText(["OpenID Connect"]);
  const other = await browser.newContext();
  const otherSignIn = new SignInPage(await other.newPage());
  await otherSignIn.goto();
  await otherSignIn.signIn(squatter.email, squatter.password);
  await expect(otherSignIn.error("Wrong email or password.")).toBeVisible();
  await other.close();
});

test("an unverified OAuth email is not used: the login gets its own account without email", async ({ page, request, baseURL }) => {
  const existing = await registerViaApi(request, baseURL!, newUser("target"));
  const name = `Unverified ${Date.now().toString(36)}`;
  await nextIdentity(request, oidcMockUrl, { sub: `unverified-${Date.now()}`, email: existing.email, name, email_verified: false });
  const signIn = new SignInPage(page);
  await signIn.goto("/settings");
  await signIn.providerButton(OAUTH_MOCK.oidcName).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(new SettingsPage(page).displayName).toHaveValue(name);
  await expect(page.getByText(existing.email)).toHaveCount(0);
});
