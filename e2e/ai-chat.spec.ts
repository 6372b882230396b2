// Chat with the Parley assistant (issue 19) against the fake OpenAI-compatible provider the run
// starts (tests/support/fake-ai-provider.ts, a real HTTP server streaming SSE): opt in from
// Settings, ask, watch the answer stream in, regenerate it, stop a long one, and run out of the
// daily token budget; axe on the new UI. The API key never reaches the browser. The chat is pinned
// at the top of the conversation list.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";
import { fakeReplyTo } from "../tests/support/fake-ai-provider";

test("opt in, ask, see the answer stream, regenerate, stop, budget exceeded", async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const app = await ChatApp.signedIn(browser, ann);
  const { page } = app;

  await page.goto("/settings");
  const settings = page.getByRole("region", { name: "Parley AI assistant" });
  const open = settings.getByRole("link", { name: "Open the Parley AI chat" });
  // The checkbox works once the page has hydrated (before that a click is the browser's alone).
  await expect(async () => {
    await settings.getByRole("checkbox", { name: "Use the Parley AI assistant" }).check();
    await expect(open).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expectNoSeriousViolations(page, "settings with the assistant on", "main");
  await open.click();
  await expect(app.conversationHeading("Parley AI")).toBeVisible();

  // Ask: the answer streams into the "answering" area, then becomes a message of the chat.
  const answering = page.getByRole("region", { name: "Parley AI is answering" });
  await app.send("What is Parley?");
  // The whole answer streams in ~0.2 s: a poll sees its first words, or (on a fast run) already the
  // stored answer; the slow answer below shows the streaming word by word.
  const answer = fakeReplyTo("What is Parley?");
  await expect(answering.filter({ hasText: "Hello from" }).or(app.message(answer)).first()).toBeVisible();
  await expect(app.message(answer)).toBeVisible();
  await expect(answering).toBeHidden();
  await expectNoSeriousViolations(page, "assistant chat");

  // Regenerate: a new answer replaces the old one, which becomes a tombstone.
  await page.getByRole("button", { name: "Regenerate answer" }).click();
  await expect(app.log.getByText("This message was deleted")).toBeVisible();
  await expect(app.message(answer)).toHaveCount(1);

  // Stop a long answer: the text so far stays as the assistant's message.
  await app.send("please be slow");
  await expect(answering).toContainText("word3");
  await expectNoSeriousViolations(page, "assistant answering");
  await page.getByRole("button", { name: "Stop generating" }).click();
  await expect(answering).toBeHidden();
  await expect(app.log.getByText(/^word1 word2 word3/)).toBeVisible();
  // A whole word: the bubble's text runs into its time ("word20" + "05:27" reads "word2005:27": CI).
  await expect(app.log.getByText(/\bword200\b/)).toHaveCount(0);

  // The daily token budget: an expensive answer uses it up; the next question is refused clearly.
  await app.send("an expensive question");
  await expect(app.message(fakeReplyTo("an expensive question"))).toBeVisible();
  await app.send("one more please");
  await expect(
    page.getByRole("alert").filter({ hasText: "You have used today's assistant budget. It renews at midnight UTC." }),
  ).toBeVisible();
  await expect(app.message("one more please")).toBeVisible();

  // The provider's key is server-only.
  expect(await page.content()).not.toContain("e2e-assistant-key");

  // Pinned: the Parley AI chat stays first in the list when another chat has newer activity,
  // live and after a reload.
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  await app.startChatWith(bob);
  await app.send("newer than the assistant chat");
  await expect(app.message("newer than the assistant chat")).toBeVisible();
  const first = app.conversations.getByRole("link").first();
  await expect(first).toHaveAccessibleName(/Parley AI \(pinned\)/);
  await expect(app.conversationLink(bob.name)).toBeVisible();
  await page.goto("/chat");
  await expect(first).toHaveAccessibleName(/Parley AI \(pinned\)/);
  await expectNoSeriousViolations(page, "conversation list with the pinned assistant chat", 'nav[aria-label="Conversations"]');
  await app.close();
});
