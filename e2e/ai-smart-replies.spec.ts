// Smart replies (issue 19) against the fake OpenAI-compatible provider the run starts
// (tests/support/fake-ai-provider.ts answers a suggestion request with fakeSuggestionsFor(<newest
// message>)): Ann turns them on in Settings, Bob writes, a "Suggest replies" button appears above
// Ann's composer (nothing is asked before she clicks it), the click shows three suggestions, a click
// on one puts it in the box without sending it; axe on the button and on the suggestions row.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";
import { fakeSuggestionsFor } from "../tests/support/fake-ai-provider";

test("turn smart replies on, ask for suggestions to a new incoming message, a click inserts one", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  const a = await ChatApp.signedIn(browser, ann);

  await a.page.goto("/settings");
  const settings = a.page.getByRole("region", { name: "Parley AI assistant" });
  const toggle = settings.getByRole("checkbox", { name: "Suggest smart replies" });
  // The checkbox works once the page has hydrated (before that a click is the browser's alone).
  await expect(async () => {
    await toggle.check();
    await a.page.reload();
    await expect(toggle).toBeChecked({ timeout: 2_000 });
  }).toPass();
  // Separate from the assistant chat.
  await expect(settings.getByRole("checkbox", { name: "Use the Parley AI assistant" })).not.toBeChecked();

  await a.page.goto("/chat");
  await a.startChatWith(bob);
  await a.send("Hi Bob");
  const suggestions = a.page.getByRole("region", { name: "Suggested replies" });

  const asked: string[] = [];
  a.page.on("request", (r) => {
    if (r.url().includes("/api/assistant/suggestions")) asked.push(r.url());
  });

  const b = await ChatApp.signedIn(browser, bob);
  await b.openConversation(ann.name);
  await b.send("Lunch at noon?");

  await expect(a.message("Lunch at noon?")).toBeVisible();
  // On request only: a button, no suggestions until it is clicked.
  const suggest = a.page.getByRole("button", { name: "Suggest replies" });
  await expect(suggest).toBeVisible();
  await expectNoSeriousViolations(a.page, "suggest replies button");
  await a.page.waitForTimeout(1_000);
  await expect(suggestions).toBeHidden();
  expect(asked).toEqual([]);
  await suggest.click();
  const expected = fakeSuggestionsFor("Lunch at noon?");
  for (const text of expected) await expect(suggestions.getByRole("button", { name: text, exact: true })).toBeVisible();
  await expect(suggestions.getByRole("button")).toHaveCount(3);
  expect(asked).toHaveLength(1);
  await expectNoSeriousViolations(a.page, "smart replies", 'section[aria-label="Suggested replies"]');

  await suggestions.getByRole("button", { name: "Tell me more", exact: true }).click();
  await expect(a.composer).toHaveValue("Tell me more");
  await expect(a.composer).toBeFocused();
  await expect(suggestions).toBeHidden();
  // Inserted, not sent: nothing new in either log.
  await expect(a.message("Tell me more")).toHaveCount(0);
  await expect(b.message("Tell me more")).toHaveCount(0);

  // Sent by Ann herself: the newest message is hers, no suggestions any more.
  await a.composer.press("Enter");
  await expect(b.message("Tell me more")).toBeVisible();
  await expect(suggestions).toBeHidden();
  await expect(suggest).toBeHidden();

  await a.close();
  await b.close();
});
