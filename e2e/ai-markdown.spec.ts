// The assistant's answers as markdown (issue 19) against the fake OpenAI-compatible provider the
// run starts (tests/support/fake-ai-provider.ts answers "markdown" questions with
// FAKE_MARKDOWN_REPLY): while it streams and once it is a message, the answer shows a heading, a
// list, a code block with its language and a working Copy button, and a safe link; its
// javascript: link is plain text and its raw HTML literal text that never runs. My own message
// with the same markup stays plain text. axe on the rendered answer.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";

const CODE = `const greeting: string = "Hello, Parley";\nconsole.log(greeting);\nconst wide = "${"wide ".repeat(60).trim()}";`;

test("an assistant answer renders as safe markdown, streaming and stored; Copy copies the code", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const app = await ChatApp.signedIn(browser, ann);
  const { page } = app;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  const on = await page.request.put("/api/assistant", { data: { enabled: true }, headers: { Origin: baseURL! } });
  expect(on.status(), await on.text()).toBe(200);
  const { conversationId } = (await on.json()) as { conversationId: string };
  await page.goto(`/chat/${conversationId}`);
  await expect(app.conversationHeading("Parley AI")).toBeVisible();

  await app.send("# Show me markdown");
  // While it streams: already markdown (the list appears before the answer is complete).
  const answering = page.getByRole("region", { name: "Parley AI is answering" });
  await expect(answering.getByRole("listitem").filter({ hasText: "Define a greeting" })).toBeVisible();

  // The stored message.
  await expect(answering).toBeHidden();
  const log = app.log;
  await expect(log.getByRole("heading", { name: "Greeting", level: 4 })).toBeVisible();
  // (Each message is a list item of the log too: the answer's items are the ones with just this text.)
  await expect(log.getByRole("listitem").filter({ hasText: /^Define a greeting$/ })).toBeVisible();
  await expect(log.getByRole("listitem").filter({ hasText: /^Print it$/ })).toBeVisible();
  await expect(log.getByText("how", { exact: true })).toHaveCSS("font-weight", /^(600|700)$/);
  const block = log.getByRole("code").filter({ hasText: "console.log(greeting)" });
  await expect(block).toHaveText(CODE);
  await expect(log.getByText("ts", { exact: true })).toBeVisible();
  // A long line scrolls inside the block; the bubble stays within the log.
  const pre = log.locator("pre").filter({ hasText: "console.log(greeting)" });
  const { scrollWidth, clientWidth } = await pre.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  const [preBox, logBox] = [await pre.boundingBox(), await log.boundingBox()];
  expect(preBox!.x + preBox!.width).toBeLessThanOrEqual(logBox!.x + logBox!.width);
  await page.screenshot({ path: test.info().outputPath("assistant-markdown.png") });
  const docs = log.getByRole("link", { name: "the docs" });
  await expect(docs).toHaveAttribute("href", "https://example.com/docs");
  await expect(docs).toHaveAttribute("target", "_blank");
  await expect(docs).toHaveAttribute("rel", "noopener noreferrer nofollow");
  // Hostile parts: the javascript: link is text only; the raw HTML is shown, not run.
  await expect(log.getByText("this trap")).toBeVisible();
  await expect(log.getByRole("link", { name: "this trap" })).toHaveCount(0);
  await expect(log.getByText('<img src=x onerror="window.__pwned=1">')).toBeVisible();
  await expect(log.locator("img[src='x']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

  // My own message is not markdown: the "# " stays as I typed it, no heading.
  await expect(log.getByText("# Show me markdown")).toBeVisible();
  await expect(log.getByRole("heading", { name: "Show me markdown" })).toHaveCount(0);

  // Copy puts the code (without the fence) on the clipboard.
  await log.getByRole("button", { name: "Copy code" }).click();
  await expect(log.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODE);

  await expectNoSeriousViolations(page, "assistant answer as markdown");

  // After a reload (history read): still markdown.
  await page.reload();
  await expect(log.getByRole("code").filter({ hasText: "console.log(greeting)" })).toHaveText(CODE);
  await app.close();
});
