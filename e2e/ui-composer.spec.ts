// Composer and theme details: drop and paste an image (with the upload progress bar), the theme
// toggle (system default, persisted choice).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/two-users";
import { testImage } from "./pages/chat-fixtures";
import { ChatApp } from "./pages/chat-app";
import { newUser, registerViaApi } from "./support/users";

/** Fires a real drop / paste event carrying `file` (what the OS does for drag-and-drop and Ctrl+V). */
async function fireWithFile(page: Page, kind: "drop" | "paste", file: { name: string; mimeType: string; buffer: Buffer }) {
  const target = kind === "drop" ? page.getByRole("log", { name: "Messages" }) : page.getByRole("textbox", { name: /^Message / });
  await target.evaluate(
    (element, { kind, name, type, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type }));
      if (kind === "drop") {
        element.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: data }));
        element.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
      } else {
        element.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }));
      }
    },
    { kind, name: file.name, type: file.mimeType, bytes: [...file.buffer] },
  );
}

test("drop and paste attach an image; the upload shows progress; the message arrives once", async ({
  alice: d,
  bob: e,
  users: { alice: dee, bob: eli },
}) => {
  await d.openConversation(eli.name);

  await fireWithFile(d.page, "drop", await testImage("dropped.png", "#f97316"));
  await expect(d.page.getByRole("img", { name: "Attached image dropped.png" })).toBeVisible();
  await d.page.getByRole("button", { name: "Remove attached image" }).click();
  await expect(d.page.getByRole("img", { name: "Attached image dropped.png" })).toHaveCount(0);

  await fireWithFile(d.page, "paste", await testImage("pasted.png", "#a855f7"));
  await expect(d.page.getByRole("img", { name: "Attached image pasted.png" })).toBeVisible();
  // Hold the upload back so the optimistic message and its progress bar can be seen.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  await d.page.route("**/api/uploads", async (route) => {
    await gate;
    await route.continue();
  });
  await d.composer.fill("with a caption");
  await d.composer.press("Enter");
  await expect(d.message("with a caption")).toBeVisible();
  await expect(d.page.getByRole("progressbar", { name: "Uploading image" })).toBeVisible();
  await expect(d.log.getByText("Sending…")).toBeVisible();
  release();
  await expect(d.page.getByRole("progressbar", { name: "Uploading image" })).toHaveCount(0);
  await expect(d.log.getByText("Sending…")).toHaveCount(0);

  await e.openConversation(dee.name);
  await expect(e.image(dee.name)).toBeVisible();
  await expect(e.message("with a caption")).toHaveCount(1);
  await expect(d.message("with a caption")).toHaveCount(1);

  // Files that are not images are refused with a toast, never uploaded.
  await fireWithFile(d.page, "drop", { name: "notes.png", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(d.page.getByRole("img", { name: /Attached image/ })).toHaveCount(0);
});

test("theme: follows the system by default; the toggle cycles light → dark → system and is remembered", async ({
  browser,
  request,
  baseURL,
}) => {
  const fay = await registerViaApi(request, baseURL!, newUser("fay"));
  const f = await ChatApp.signedIn(browser, fay, { colorScheme: "dark" });
  const isDark = () => f.page.evaluate(() => document.documentElement.classList.contains("dark"));
  expect(await isDark()).toBe(true);

  // The choice is stored on the account (issue 15, a server action): remembered once it is saved.
  const saved = f.page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await f.page.getByRole("button", { name: /^Theme: System theme/ }).click();
  await expect(f.page.getByRole("button", { name: /^Theme: Light theme/ })).toBeVisible();
  expect(await isDark()).toBe(false);
  await saved;
  await f.page.reload();
  await expect(f.page.getByRole("button", { name: /^Theme: Light theme/ })).toBeVisible();
  expect(await isDark()).toBe(false);

  await f.page.getByRole("button", { name: /^Theme: Light theme/ }).click();
  await expect(f.page.getByRole("button", { name: /^Theme: Dark theme/ })).toBeVisible();
  expect(await isDark()).toBe(true);
  await f.page.getByRole("button", { name: /^Theme: Dark theme/ }).click();
  await expect(f.page.getByRole("button", { name: /^Theme: System theme/ })).toBeVisible();
  expect(await isDark()).toBe(true); // the system (emulated) is dark
  await f.close();
});
