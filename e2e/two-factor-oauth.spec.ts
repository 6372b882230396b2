// Two-factor authentication after an OAuth sign-in (issue #17): by default the provider is the
// factor; a user who opts in in the settings is asked for the code after GitHub / OIDC too, and
// until then the browser holds no usable session (pages send it to the code page, the API says 401).
// The test computes the TOTP codes from the shown key as an authenticator app would.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { SettingsPage } from "./pages/settings-page";
import { SignInPage } from "./pages/sign-in-page";
import { expectNoSeriousViolations } from "./support/axe";
import { githubMockUrl, OAUTH_MOCK, oidcMockUrl } from "./support/oauth-mock-config";

const app = (key: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(key) });
/** A code of the next 30-second step: the setup's own step is used up (one step of drift is accepted). */
const nextCode = (key: string) => app(key).generate({ timestamp: Date.now() + 30_000 });

async function nextIdentity(request: APIRequestContext, server: string, identity: { sub: string; email: string; name: string }) {
  const response = await request.post(`${server}/__test/identity`, { data: { ...identity, email_verified: true } });
  expect(response.status()).toBe(204);
}

/** Signs in with the provider (a new account the first time) and lands on the settings. */
async function signInWith(page: Page, provider: string) {
  const signIn = new SignInPage(page);
  await signIn.goto("/settings");
  await signIn.providerButton(provider).click();
}

/** Turns on 2FA in the settings; returns the key an authenticator app would hold. */
async function enableTwoFactor(page: Page): Promise<string> {
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const key = (await section.getByTestId("totp-key").textContent())!.trim();
  await section.getByLabel("Code from the app").fill(app(key).generate());
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByText("10 recovery codes left")).toBeVisible();
  return key;
}

const providers = [
  { label: OAUTH_MOCK.oidcName, server: oidcMockUrl, sub: () => `oidc-2fa-${Date.now()}` },
  { label: "GitHub", server: githubMockUrl, sub: () => String((Date.now() + 11) % 1_000_000_000) },
];

for (const provider of providers) {
  test(`opted in: a ${provider.label} sign-in asks for the code before anything opens`, async ({ page, request }) => {
    const name = `Factor ${provider.label} ${Date.now().toString(36)}`;
    const identity = { sub: provider.sub(), email: `oauth2fa-${Date.now().toString(36)}@parley.test`, name };
    await nextIdentity(request, provider.server, identity);
    await signInWith(page, provider.label);
    await expect(page).toHaveURL(/\/settings$/);
    const key = await enableTwoFactor(page);
    const section = page.getByRole("region", { name: "Two-factor authentication" });
    const optIn = section.getByRole("checkbox", { name: /Also ask for a code after signing in with GitHub, Google or OpenID Connect/ });
    await expect(optIn).not.toBeChecked();
    await optIn.check();
    await expect(optIn).toBeChecked();
    await page.reload();
    await expect(page.getByRole("region", { name: "Two-factor authentication" }).getByRole("checkbox")).toBeChecked();

    const settings = new SettingsPage(page);
    await settings.signOut();
    await nextIdentity(request, provider.server, identity);
    await signInWith(page, provider.label);
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?callbackUrl=%2Fsettings$/);
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await expectNoSeriousViolations(page, "two-factor code page after OAuth");

    // Until the code, the cookie opens nothing: pages come back here, the API answers 401.
    await page.goto("/chat");
    await expect(page).toHaveURL(/\/sign-in\/two-factor\?callbackUrl=%2Fchat$/);
    expect((await page.request.get("/api/conversations")).status()).toBe(401);
    expect((await page.request.get("/api/profile")).status()).toBe(401);

    const code = page.getByLabel("Authentication code");
    await code.fill("000000");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That authentication code is wrong" }).first()).toBeVisible();
    await code.fill(nextCode(key));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/chat$/);
    expect((await page.request.get("/api/conversations")).status()).toBe(200);
    await settings.goto();
    await expect(settings.displayName).toHaveValue(name);
  });
}

test("not opted in: a GitHub sign-in of a user with 2FA on is not asked again (the provider is the factor)", async ({ page, request }) => {
  const name = `No Ask ${Date.now().toString(36)}`;
  const identity = { sub: String((Date.now() + 23) % 1_000_000_000), email: `noask-${Date.now().toString(36)}@parley.test`, name };
  await nextIdentity(request, githubMockUrl, identity);
  await signInWith(page, "GitHub");
  await expect(page).toHaveURL(/\/settings$/);
  await enableTwoFactor(page);
  await new SettingsPage(page).signOut();

  await nextIdentity(request, githubMockUrl, identity);
  await signInWith(page, "GitHub");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(new SettingsPage(page).displayName).toHaveValue(name);
  await expect(page.getByRole("region", { name: "Two-factor authentication" }).getByRole("checkbox")).not.toBeChecked();
});
