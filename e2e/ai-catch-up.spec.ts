// "Catch me up" (issue 19) against the fake OpenAI-compatible provider the run starts
// (tests/support/fake-ai-provider.ts answers a catch-up request with fakeCatchUpFor(<the quoted
// unread lines>)): Bob writes to Ann while she is elsewhere; Ann (assistant on) opens the chat, asks
// above the "New messages" divider and reads the summary in place, for her only; axe on the panel.
// Bob, who did not turn the assistant on, is offered no button.
import { expect, test } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";
import { fakeCatchUpFor } from "../tests/support/fake-ai-provider";

test("Catch me up above the new-messages divider summarizes my unread messages, for me only", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  const a = await ChatApp.signedIn(browser, ann);
  const on = await a.page.request.put("/api/assistant", { data: { enabled: true }, headers: { Origin: baseURL! } });
  expect(on.status(), await on.text()).toBe(200);

  await a.startChatWith(bob);
  await a.send("Hi Bob, call me later");
  await expect(a.message("Hi Bob, call me later")).toBeVisible();
  const conversationId = a.page.url().split("/").at(-1)!;
  await a.page.goto("/chat");

  // Bob writes three messages while Ann is on her chat list.
  const b = await ChatApp.signedIn(browser, bob);
  const unread = ["The meeting moved to Friday", "Bring the slides", "Lunch after?"];
  for (const body of unread) await b.postViaApi(conversationId, body);
  await expect(a.conversationLink(bob.name)).toContainText("Lunch after?");

  await a.openConversation(bob.name);
  const divider = a.log.locator('[data-divider="new-messages"]');
  await expect(divider.getByRole("separator", { name: "New messages" })).toBeVisible();
  const ask = divider.getByRole("button", { name: "Catch me up" });
  await ask.click();

  const panel = a.page.getByRole("region", { name: "Catch-up: 3 unread messages" });
  const summary = fakeCatchUpFor(unread.map((body) => `> ${bob.name}: ${body}`));
  await expect(panel).toContainText(summary);
  await expect(panel).toContainText("for you only");
  await expectNoSeriousViolations(a.page, "catch-up summary", '[data-divider="new-messages"]');

  // For Ann only: not a message of the chat, on neither side.
  await expect(b.page.getByText(summary)).toHaveCount(0);
  await expect(a.log.locator("li[data-message-id]").filter({ hasText: "Catch-up of" })).toHaveCount(0);

  // Closed: the button is back (and focused).
  await panel.getByRole("button", { name: "Close the summary" }).click();
  await expect(panel).toBeHidden();
  await expect(ask).toBeFocused();

  // Bob did not turn the assistant on: his divider has no button.
  await a.send("See you Friday");
  await b.openConversation(ann.name);
  await expect(b.log.getByRole("separator", { name: "New messages" })).toBeVisible();
  await expect(b.message("See you Friday")).toBeVisible();
  await expect(b.page.getByRole("button", { name: "Catch me up" })).toHaveCount(0);

  await a.close();
  await b.close();
});
