// Security round 2, item 1, over HTTP against the production build: NextAuth's credentials callback
// accepts JSON and form bodies; neither a JSON body nor a repeated e-mail key gets around the
// per-account limit (5 wrong passwords lock the account for 15 minutes, the right one included).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { newUser, registerViaApi } from "./support/users";

async function csrf(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/auth/csrf");
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

test("a JSON body cannot guess past the per-account limit", async ({ playwright, baseURL }) => {
  const setup = await playwright.request.newContext({ baseURL });
  const victim = await registerViaApi(setup, baseURL!, newUser("victim"));
  const attacker = await playwright.request.newContext({ baseURL });
  const token = await csrf(attacker);
  const guess = (password: string) =>
    attacker.post("/api/auth/callback/credentials", {
      data: { email: victim.email, password, csrfToken: token, json: "true" },
      headers: { "Content-Type": "application/json" },
      maxRedirects: 0,
    });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i += 1) statuses.push((await guess(`wrong guess ${i}`)).status());
  expect(statuses).not.toContain(429);
  // The sixth attempt, even with the right password, is refused: the account is locked.
  const right = await guess(victim.password);
  expect(right.status()).toBe(429);
  expect(Number(right.headers()["retry-after"])).toBeGreaterThan(0);
  await setup.dispose();
  await attacker.dispose();
});

test("a repeated e-mail key counts against the address NextAuth uses (the last one)", async ({ playwright, baseURL }) => {
  const setup = await playwright.request.newContext({ baseURL });
  const victim = await registerViaApi(setup, baseURL!, newUser("victim"));
  const attacker = await playwright.request.newContext({ baseURL });
  const token = await csrf(attacker);
  const guess = (password: string, decoy: number) =>
    attacker.post("/api/auth/callback/credentials", {
      data: `email=decoy-${decoy}%40parley.test&email=${encodeURIComponent(victim.email)}&password=${encodeURIComponent(password)}&csrfToken=${token}&json=true`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      maxRedirects: 0,
    });
  for (let i = 0; i < 5; i += 1) expect((await guess(`wrong ${i}`, i)).status()).not.toBe(429);
  expect((await guess(victim.password, 99)).status()).toBe(429);
  await setup.dispose();
  await attacker.dispose();
});
