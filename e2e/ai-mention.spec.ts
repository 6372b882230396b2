// `@ai` in a group (issue 19) against the fake OpenAI-compatible provider the run starts
// (tests/support/fake-ai-provider.ts answers an `@ai` question with fakeReplyTo(<the question>),
// a word every 150 ms when it says "gradually"): Ann, the group's admin, turns Parley AI on from the
// chat menu and Bob sees it live; Ann asks; both watch the answer stream in and end as the bot's
// message; Ann turns it off and Bob sees that live too, after which `@ai` is plain text.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ChatApp } from "./pages/chat-app";
import { expectNoSeriousViolations } from "./support/axe";
import { newUser, registerViaApi } from "./support/users";
import { fakeReplyTo } from "../tests/support/fake-ai-provider";

async function assistantOn(app: ChatApp, baseURL: string) {
  const on = await (app.page.request as APIRequestContext).put("/api/assistant", {
    data: { enabled: true },
    headers: { Origin: baseURL },
  });
  expect(on.status(), await on.text()).toBe(200);
}

test("@ai in a group answers for both users; turning it on and off shows live to the other member", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const ann = await registerViaApi(request, baseURL!, newUser("ann"));
  const bob = await registerViaApi(request, baseURL!, newUser("bob"));
  const cy = await registerViaApi(request, baseURL!, newUser("cy"));
  const a = await ChatApp.signedIn(browser, ann);
  const b = await ChatApp.signedIn(browser, bob);
  await assistantOn(a, baseURL!);
  await assistantOn(b, baseURL!);
  // Reload so the chat pages know the assistant is on for them.
  await a.page.reload();
  await b.page.reload();

  const group = "AI crew";
  await a.createGroup(group, [bob, cy]);
  await b.openConversation(group);
  const bobChip = b.page.getByText("Parley AI on", { exact: true });
  await expect(bobChip).toHaveCount(0);

  // Ann (admin) turns it on from the chat menu; Bob's header follows live.
  await a.page.getByRole("button", { name: "Chat options", exact: true }).click();
  await a.page.getByRole("menuitem", { name: "Turn on Parley AI in this chat" }).click();
  await expect(a.page.getByText("Parley AI on", { exact: true })).toBeVisible();
  await expect(bobChip).toBeVisible();
  // Bob is a plain member of the group: the menu does not offer him the switch.
  await b.page.getByRole("button", { name: "Chat options", exact: true }).click();
  await expect(b.page.getByRole("menuitem", { name: /Parley AI/ })).toHaveCount(0);
  await b.page.keyboard.press("Escape");

  // "@" now suggests the assistant too; picking it writes "@ai ".
  await b.composer.pressSequentially("@a");
  const askAi = b.page.getByRole("listbox", { name: "Mention suggestions" }).getByRole("option", { name: /ai\s*Ask Parley AI/ });
  await expect(askAi).toBeVisible();
  await b.composer.press("Enter");
  await expect(b.composer).toHaveValue("@ai ");
  await b.composer.fill("");

  // Ann asks; the question is a normal message, the answer streams in for both, then is a message.
  const question = "@ai please explain gradually how Parley streams one answer to every member of a group";
  const answer = fakeReplyTo(question);
  await a.send(question);
  await expect(a.message(question)).toBeVisible();
  await expect(b.message(question)).toBeVisible();
  for (const app of [a, b]) {
    const pending = app.page.getByRole("region", { name: "Parley AI is answering" });
    await expect(pending).toContainText("Hello from the fake model.");
    await expect(pending).not.toContainText(answer);
  }
  await expectNoSeriousViolations(b.page, "@ai answer streaming", 'section[aria-label="Parley AI is answering"]');
  for (const app of [a, b]) {
    await expect(app.message(answer)).toBeVisible({ timeout: 15_000 });
    await expect(app.messageRow(answer)).toContainText("Parley AI");
    await expect(app.page.getByRole("region", { name: "Parley AI is answering" })).toHaveCount(0);
  }

  // Ann turns it off; Bob sees it live, and `@ai` is plain text again.
  await a.page.getByRole("button", { name: "Chat options", exact: true }).click();
  await a.page.getByRole("menuitem", { name: "Turn off Parley AI in this chat" }).click();
  await expect(bobChip).toBeHidden();
  await b.send("@ai are you still there?");
  await expect(a.message("@ai are you still there?")).toBeVisible();
  await a.page.waitForTimeout(1500);
  await expect(a.page.getByRole("region", { name: "Parley AI is answering" })).toHaveCount(0);
  await expect(a.log.getByText(/You asked: @ai are you still there/)).toHaveCount(0);

  await a.close();
  await b.close();
});
