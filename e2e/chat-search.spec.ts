// Search (issue 20): the global search above the chat list finds a message another user sent in
// another chat and jumps to it with the history around it; search inside a chat steps through its
// matches, each one loaded, scrolled to and highlighted.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { newUser, registerViaApi } from "./support/users";

const word = () =>
  `kiwi${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 8)}`;

async function post(page: Page, baseURL: string, conversationId: string, body: string) {
  const response = await page.request.post(`/api/conversations/${conversationId}/messages`, {
    data: { id: randomUUID(), body },
    headers: { Origin: baseURL },
  });
  expect(response.status(), await response.text()).toBe(201);
}

test("global search finds another user's message in another chat and jumps to it in context", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const w = word();
  const carol = await registerViaApi(request, baseURL!, newUser("carol"));
  const created = await b.page.request.post("/api/conversations", {
    data: { type: "group", name: `Search group ${w}`, memberIds: [ada.id, carol.id] },
    headers: { Origin: baseURL! },
  });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { conversation: { id: string } }).conversation.id;
  // 4 older messages, the hit, then 54 newer ones: the newest page (50) does not hold the hit.
  for (let i = 0; i < 4; i += 1) await post(b.page, baseURL!, groupId, `Before ${i}`);
  await post(b.page, baseURL!, groupId, `The secret word is ${w.toUpperCase()}, keep it`);
  for (let i = 0; i < 25; i += 1) await post(b.page, baseURL!, groupId, `After B ${i}`);
  for (let i = 0; i < 29; i += 1) await post(a.page, baseURL!, groupId, `After A ${i}`);

  // Alice reads her 1:1 with Bob, then searches from the box above the list.
  await a.openConversation(bo.name);
  const box = a.page.getByRole("combobox", { name: "Search chats, messages and people" });
  await box.fill(w.slice(0, -2)); // the word being typed
  const results = a.page.getByRole("listbox", { name: "Search results" });
  const hit = results.getByRole("group", { name: "Messages" }).getByRole("option").filter({ hasText: "The secret word is" });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(w.toUpperCase().slice(0, -2));
  await expect(hit).toContainText(bo.name);
  // Keyboard: the group (its name holds the word) is the first result, selected; ArrowDown moves to
  // the message, Enter opens it.
  const chat = results.getByRole("group", { name: "Chats" }).getByRole("option", { name: `Search group ${w}` });
  await expect(chat).toHaveAttribute("aria-selected", "true");
  await box.press("ArrowDown");
  await expect(hit).toHaveAttribute("aria-selected", "true");
  await box.press("Enter");

  await expect(a.page).toHaveURL(new RegExp(`/chat/${groupId}$`));
  const target = a.log.locator('li[aria-current="true"]');
  await expect(target).toContainText(`The secret word is ${w.toUpperCase()}, keep it`);
  await expect(target).toBeInViewport();
  // The history around it: the older messages, and newer ones loading as Alice scrolls down.
  await expect(a.message("Before 0")).toBeAttached();
  await expect(a.message("After B 0")).toBeAttached();
  await expect(a.page.getByText("This is the beginning of the conversation.")).toBeAttached();
  await expect(a.message("After A 28")).toHaveCount(0);
  await a.message("After A 24").scrollIntoViewIfNeeded();
  await expect(a.message("After A 28")).toBeAttached();
  await expect(a.log.getByText(/^(Before \d|After [AB] \d+)$/)).toHaveCount(58);
});

test("search in a chat counts the matches and steps through them", async ({
  alice: a,
  bob: b,
  users: { bob: bo },
  conversationId,
  baseURL,
}) => {
  const w = word();
  await post(b.page, baseURL!, conversationId, `first ${w} here`);
  await post(b.page, baseURL!, conversationId, "nothing to see");
  await post(a.page, baseURL!, conversationId, `second ${w}!`);
  await post(b.page, baseURL!, conversationId, `third Ｋｉｗｉ ${w}`);
  await post(b.page, baseURL!, conversationId, "the end");

  await a.openConversation(bo.name);
  await a.page.getByRole("button", { name: "Search in this chat" }).click();
  await a.page.getByRole("searchbox", { name: "Search in this chat" }).fill(w);
  const bar = a.page.getByRole("search", { name: "Search in this chat" });
  const current = a.log.locator('li[aria-current="true"]');
  await expect(bar.getByRole("status")).toHaveText("1 of 3");
  await expect(current).toContainText(`third Ｋｉｗｉ ${w}`);
  await bar.getByRole("button", { name: "Older match" }).click();
  await expect(bar.getByRole("status")).toHaveText("2 of 3");
  await expect(current).toContainText(`second ${w}!`);
  await bar.getByRole("button", { name: "Older match" }).click();
  await expect(bar.getByRole("status")).toHaveText("3 of 3");
  await expect(current).toContainText(`first ${w} here`);
  await expect(bar.getByRole("button", { name: "Older match" })).toBeDisabled();
  await bar.getByRole("button", { name: "Newer match" }).click();
  await expect(bar.getByRole("status")).toHaveText("2 of 3");
  await expect(current).toContainText(`second ${w}!`);
  await expect(current).toBeInViewport();
});

test("global search filters narrow the messages: from a member, in a chat, has a link; clear filters", async ({
  alice: a,
  bob: b,
  users: { alice: ada, bob: bo },
  conversationId,
  baseURL,
  request,
}) => {
  const w = word();
  const carol = await registerViaApi(request, baseURL!, newUser("carol"));
  const created = await b.page.request.post("/api/conversations", {
    data: { type: "group", name: `Filter group ${w.slice(0, 3)}`, memberIds: [ada.id, carol.id] },
    headers: { Origin: baseURL! },
  });
  expect(created.status(), await created.text()).toBe(201);
  const groupId = ((await created.json()) as { conversation: { id: string } }).conversation.id;
  await post(b.page, baseURL!, conversationId, `plain from bob ${w}`);
  await post(b.page, baseURL!, conversationId, `a link from bob https://example.com/${w}`);
  await post(a.page, baseURL!, groupId, `mine in the group ${w}`);
  await post(b.page, baseURL!, groupId, `bob in the group ${w}`);

  await a.page.reload(); // the group in Alice's list (its members feed the filters)
  const box = a.page.getByRole("combobox", { name: "Search chats, messages and people" });
  await box.fill(w);
  const messages = a.page.getByRole("listbox", { name: "Search results" }).getByRole("group", { name: "Messages" }).getByRole("option");
  await expect(messages).toHaveCount(4);

  await a.page.getByRole("button", { name: "Search filters" }).click();
  const filters = a.page.getByRole("group", { name: "Filter messages" });
  await filters.getByLabel("From", { exact: true }).selectOption({ label: bo.name });
  await expect(a.page.getByRole("button", { name: "Search filters (1 set)" })).toHaveAttribute("aria-expanded", "true");
  await expect(messages).toHaveCount(3);
  await expect(messages.filter({ hasText: "mine in the group" })).toHaveCount(0);

  await filters.getByLabel("Has", { exact: true }).selectOption({ label: "Link" });
  await expect(messages).toHaveCount(1);
  await expect(messages).toContainText("a link from bob");

  await filters.getByLabel("In chat", { exact: true }).selectOption({ label: `Filter group ${w.slice(0, 3)}` });
  await expect(messages).toHaveCount(0);
  await expect(a.page.getByText("No messages match the search and filters.")).toBeVisible();
  await filters.getByLabel("Has", { exact: true }).selectOption({ label: "Anything" });
  await expect(messages).toHaveCount(1);
  await expect(messages).toContainText("bob in the group");

  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(messages).toHaveCount(4);
  await expect(filters.getByRole("button", { name: "Clear filters" })).toBeDisabled();
});
