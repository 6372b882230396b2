// What must be shared between instances for accounts to stay safe: revocation (Redis pub/sub) and
// the sign-in budget (Redis counters).
import http from "node:http";
import { expect, test } from "@playwright/test";
import { ChatApp } from "../e2e/pages/chat-app";
import { newUser, registerViaApi } from "../e2e/support/users";
import { cluster } from "./support/cluster";
import { SIGN_IN_LIMIT_PER_IP } from "./support/settings";

test.beforeEach(async () => {
  await cluster.restoreAll();
});

test("signing out on one instance ends the session on the other at once", async ({ browser, request, baseURL }) => {
  const user = await registerViaApi(request, baseURL!, newUser("leaver"));
  const app = await ChatApp.signedIn(browser, user);
  // A second browser holding the same session cookie (a copied cookie, another device's view).
  const other = await browser.newContext({ storageState: await app.page.context().storageState() });
  const { instances } = await cluster.state();
  const csrf = ((await (await app.page.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;

  // Each instance checks the session now and remembers the answer for 5 s (lib/auth/session-version.ts).
  const warmed = Date.now();
  for (const instance of instances) expect((await other.request.get(`${instance.url}/api/conversations`)).status()).toBe(200);

  // Alice signs out in her browser (NextAuth's sign-out request, on whichever instance the proxy picks).
  const signOut = await app.page.request.post("/api/auth/signout", {
    form: { csrfToken: csrf, callbackUrl: "/sign-in" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(signOut.status(), await signOut.text()).toBeLessThan(400);
  // Both instances refuse the old cookie at once: directly, and through the proxy.
  for (const instance of instances) expect((await other.request.get(`${instance.url}/api/conversations`)).status()).toBe(401);
  expect((await other.request.get("/api/conversations")).status()).toBe(401);
  // Within the 5 s the cached check would otherwise have lasted: only the broadcast explains the 401s.
  expect(Date.now() - warmed).toBeLessThan(5_000);
  await app.page.goto("/chat");
  await expect(app.page).toHaveURL(/\/sign-in/);
  await other.close();
  await app.close();
});

interface Reply {
  status: number;
  servedBy: string | undefined;
  retryAfter: string | undefined;
  setCookie: string[];
  body: string;
}

/** A request through the proxy from a client address of our choosing (127.0.0.0/8 is all loopback). */
function fromAddress(address: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const proxy = new URL(test.info().project.use.baseURL!);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: Number(proxy.port), method, path, localAddress: address, headers: { ...headers, host: proxy.host } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            servedBy: response.headers["x-served-by"] as string | undefined,
            retryAfter: response.headers["retry-after"] as string | undefined,
            setCookie: response.headers["set-cookie"] ?? [],
            body: text,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("the per-IP sign-in limit is one budget across instances", async ({ baseURL }) => {
  // A client address of its own, new every run (the counters live in Redis for 15 minutes).
  const address = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const csrf = await fromAddress(address, "GET", "/api/auth/csrf", {});
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.setCookie.map((c) => c.split(";")[0]).join("; ");
  const attempt = (n: number) =>
    fromAddress(
      address,
      "POST",
      "/api/auth/callback/credentials",
      { "content-type": "application/json", origin: baseURL!, cookie },
      // Another unknown account each time: the per-account limit (5) stays out of the way.
      JSON.stringify({ email: `nobody-${n}-${Date.now()}@parley.test`, password: "not the password", csrfToken, json: "true" }),
    );

  const within: Reply[] = [];
  for (let n = 0; n < SIGN_IN_LIMIT_PER_IP; n += 1) within.push(await attempt(n));
  expect(within.map((r) => r.status)).not.toContain(429);
  // Round robin: the attempts alternated between the two instances, yet they count against one budget.
  const perInstance = within.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.servedBy!]: (acc[r.servedBy!] ?? 0) + 1 }), {});
  expect(Object.keys(perInstance).sort()).toEqual(["3610", "3611"]);
  for (const count of Object.values(perInstance)) expect(count).toBeLessThan(SIGN_IN_LIMIT_PER_IP);

  const over = [await attempt(100), await attempt(101)];
  expect(over.map((r) => r.status)).toEqual([429, 429]);
  expect(new Set(over.map((r) => r.servedBy)).size).toBe(2);
  for (const reply of over) expect(Number(reply.retryAfter)).toBeGreaterThan(0);
});
