// Attachments (issue 14), two people in two browser contexts: Alice picks a PDF, a short video
// (generated here by Debian's ffmpeg) and a text file disguised as a PNG; each uploads with its own
// progress, the disguised one is refused beside its name, and the message goes out with the other
// two and a caption. Bob plays the video inline (its currentTime advances) and downloads the PDF
// (Content-Disposition: attachment, the same bytes); the gallery lists both.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "./fixtures/two-users";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function makeVideo(): Buffer {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-e2e-video-")), "clip.webm");
  execFileSync("/usr/bin/ffmpeg", [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=160x120:rate=15:duration=3",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=3",
    "-c:v",
    "libvpx",
    "-b:v",
    "200k",
    "-c:a",
    "libopus",
    "-shortest",
    file,
  ]);
  return fs.readFileSync(file);
}

test("several files in one message: progress, a refusal beside its file, inline video, PDF download", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  const video = makeVideo();
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);

  const attach = a.page.getByRole("button", { name: "Attach files" });
  // The limits are told before anything uploads.
  await expect(a.page.getByText(/Up to 10 files: images up to 16 MB, videos 64 MB, other files 100 MB/)).toBeAttached();
  const chooser = a.page.waitForEvent("filechooser");
  await attach.click();
  await (
    await chooser
  ).setFiles([
    { name: "plan.pdf", mimeType: "application/pdf", buffer: PDF },
    { name: "clip.webm", mimeType: "video/webm", buffer: video },
    {
      name: "dot.png",
      mimeType: "image/png",
      buffer: await sharp({ create: { width: 24, height: 16, channels: 3, background: "#36c" } })
        .png()
        .toBuffer(),
    },
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") },
  ]);
  const tray = a.page.getByRole("list", { name: "Files to send" });
  await expect(tray.getByRole("listitem", { name: "fake.png" }).getByRole("alert")).toHaveText(/does not match its \.png name/);
  await expect(tray.getByText("Ready")).toHaveCount(3);
  await a.send("Plan and clip");

  // Bob: the caption, the video with its poster and duration, the PDF card.
  await expect(b.message("Plan and clip")).toBeVisible();
  const player = b.page.getByLabel("Video clip.webm");
  await expect(player).toBeVisible();
  await expect(player).toHaveAttribute("poster", /\/api\/attachments\/[0-9a-f-]+\/poster$/);
  await expect(b.page.getByText("0:03")).toBeVisible();
  await player.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    await element.play();
  });
  await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);

  const download = b.page.waitForEvent("download");
  await b.page.getByRole("link", { name: "Download plan.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("plan.pdf");
  expect(fs.readFileSync((await file.path())!)).toEqual(PDF);

  // The gallery: the video under Media (opening the viewer), the PDF under Files.
  await b.page.getByRole("button", { name: "Media, links and files" }).click();
  const gallery = b.page.getByRole("dialog", { name: "Media, links and files" });
  await gallery.getByRole("button", { name: "Open clip.webm" }).click();
  await expect(gallery.getByLabel("Video clip.webm")).toBeVisible();
  // The viewer steps to the chat's other picture (whichever side of the video it is).
  const step = gallery.getByRole("button", { name: /^(Older|Newer)$/ }).and(gallery.locator(":enabled"));
  await expect(step).toHaveCount(1);
  await step.click();
  await expect(gallery.getByRole("img", { name: "dot.png" })).toBeVisible();
  await expect(gallery.getByLabel("Video clip.webm")).toHaveCount(0);
  await gallery.getByRole("tab", { name: "Files" }).click();
  await expect(gallery.getByRole("link", { name: "Download plan.pdf" })).toBeVisible();
  await expect(gallery.getByRole("button", { name: "Open clip.webm" })).toHaveCount(0);
  await b.page.keyboard.press("Escape");

  // Links: a link Alice sends is under Links, and "Show in chat" brings its message into view.
  await a.send("The spec: https://www.example.com/spec?v=2 (draft)");
  await expect(b.log.getByText(/The spec:/)).toBeVisible();
  await b.page.getByRole("button", { name: "Media, links and files" }).click();
  await gallery.getByRole("tab", { name: "Links" }).click();
  const links = gallery.getByRole("list", { name: "Links" });
  await expect(links.getByRole("link", { name: /example\.com/ })).toHaveAttribute("href", "https://www.example.com/spec?v=2");
  await links.getByRole("button", { name: "Show example.com in chat" }).click();
  await expect(gallery).toHaveCount(0);
  await expect(b.log.getByText(/The spec:/)).toBeInViewport();

  // Alice's own copy shows the same, and the refused file was not sent.
  await expect(a.page.getByLabel("Video clip.webm")).toBeVisible();
  await expect(a.page.getByRole("link", { name: "Download fake.png" })).toHaveCount(0);
});

test("sending while files upload: an optimistic bubble with progress, sent once they finish", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);

  // Hold Alice's uploads on their way until the test lets them through.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await a.page.route(/\/api\/attachments\?name=/, async (route) => {
    await held;
    await route.continue();
  });
  const chooser = a.page.waitForEvent("filechooser");
  await a.page.getByRole("button", { name: "Attach files" }).click();
  await (
    await chooser
  ).setFiles([
    { name: "minutes.pdf", mimeType: "application/pdf", buffer: PDF },
    { name: "notes.pdf", mimeType: "application/pdf", buffer: PDF },
    { name: "fake.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") },
  ]);
  const tray = a.page.getByRole("list", { name: "Files to send" });
  await expect(tray.getByRole("progressbar", { name: "Uploading minutes.pdf" })).toBeVisible();

  // Send now: the message leaves the composer at once and shows its files uploading.
  await a.send("Minutes attached");
  await expect(tray).toHaveCount(0);
  const bubble = a.messageRow("Minutes attached");
  await expect(bubble.getByRole("progressbar", { name: "Uploading minutes.pdf" })).toBeVisible();
  // One of them is cancelled from the bubble: the message goes without it.
  await bubble.getByRole("button", { name: "Cancel upload of notes.pdf" }).click();
  await expect(bubble.getByRole("progressbar", { name: "Uploading notes.pdf" })).toHaveCount(0);
  await expect(bubble.getByRole("progressbar", { name: "Uploading minutes.pdf" })).toBeVisible();
  await a.page.waitForTimeout(300);
  await expect(b.message("Minutes attached")).toHaveCount(0); // nothing reached the server yet

  release();
  await expect(b.message("Minutes attached")).toBeVisible();
  await expect(b.page.getByRole("link", { name: "Download minutes.pdf" })).toBeVisible();
  await expect(b.page.getByRole("link", { name: "Download notes.pdf" })).toHaveCount(0);
  await expect(bubble.getByRole("link", { name: "Download minutes.pdf" })).toBeVisible();
  await expect(bubble.getByRole("progressbar")).toHaveCount(0);
  // The refused file was left out and is back in the composer, its reason beside it, to retry or remove.
  const refused = tray.getByRole("listitem", { name: "fake.png" });
  await expect(refused.getByRole("alert")).toHaveText(/does not match its \.png name/);
  await expect(refused.getByRole("button", { name: "Retry fake.png" })).toBeVisible();
  await expect(b.page.getByText("fake.png")).toHaveCount(0);
});

test("a video stored without a poster gets a frame grabbed by the uploader's browser", async ({ alice: a, users: { bob } }) => {
  // The server here has ffmpeg, so the stored video's answer is stripped of its poster, as a server
  // without ffmpeg would answer; the browser must then grab a frame and PUT it (the server's side of
  // that PUT is tests/integration/attachment-poster.test.ts).
  await a.openConversation(bob.name);
  await a.page.route(/\/api\/attachments\?name=clip\.webm/, async (route) => {
    const response = await route.fetch();
    const stored = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...stored, posterUrl: null } });
  });
  const posted = new Promise<Buffer>((resolve) =>
    a.page.route(/\/api\/attachments\/[0-9a-f-]+\/poster$/, async (route) => {
      if (route.request().method() !== "PUT") return route.continue();
      resolve(route.request().postDataBuffer()!);
      await route.continue();
    }),
  );
  const chooser = a.page.waitForEvent("filechooser");
  await a.page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([{ name: "clip.webm", mimeType: "video/webm", buffer: makeVideo() }]);

  const frame = await posted;
  expect([...frame.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG
  const { width, height } = await sharp(frame).metadata();
  expect([width, height]).toEqual([160, 120]); // the video's own size (under 640 px wide)
});
