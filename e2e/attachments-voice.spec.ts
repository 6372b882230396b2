// Voice notes (issue 14) with Chromium's fake microphone (a beeping test tone): Alice records in the
// composer (timer), stops, and sends; Bob sees a voice message with the duration the server measured
// and its waveform, marked "Not played yet", plays it (currentTime advances) and switches it to 2×;
// Alice's copy then says "Played", live. Holding the microphone records too: released in place it
// keeps the recording, slid away first it drops it.
import { systemChromium } from "./support/system-chromium";
import { expect, test } from "./fixtures/two-users";

const { launchOptions } = systemChromium();
test.use({
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions?.args ?? []), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
});

test("record a voice note; the other person plays it at 2×", async ({ alice: a, bob: b, users: { alice, bob } }) => {
  await a.page.context().grantPermissions(["microphone"]);
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);

  await a.page.getByRole("button", { name: "Record voice message" }).click();
  await expect(a.page.getByRole("timer", { name: "Recording time" })).toHaveText("0:02", { timeout: 10_000 });
  await a.page.getByRole("button", { name: "Stop recording" }).click();
  await expect(a.page.getByRole("list", { name: "Files to send" }).getByText("Ready")).toBeVisible();
  await a.composer.press("Enter");

  const note = b.page.getByLabel(/^Voice message, 0:0[2-5]$/);
  await expect(note).toBeVisible();
  await expect(b.log.getByText("Not played yet")).toBeVisible();
  await expect(a.log.getByText("Played", { exact: true })).toHaveCount(0);
  await note.evaluate(async (element: HTMLAudioElement) => {
    element.muted = true;
    await element.play();
  });
  await expect.poll(() => note.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
  await expect(b.log.getByText("Not played yet")).toHaveCount(0);
  await expect(a.log.getByText("Played", { exact: true })).toBeVisible();
  await b.page.getByRole("group", { name: "Playback speed" }).getByRole("button", { name: "2×" }).click();
  await expect.poll(() => note.evaluate((element: HTMLAudioElement) => element.playbackRate)).toBe(2);
});

test("hold the microphone to record: release keeps it, sliding away first drops it", async ({ alice: a, users: { bob } }) => {
  await a.page.context().grantPermissions(["microphone"]);
  await a.openConversation(bob.name);
  const mic = a.page.getByRole("button", { name: "Record voice message" });
  const tray = a.page.getByRole("list", { name: "Files to send" });
  const press = async () => {
    const box = (await mic.boundingBox())!;
    await a.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await a.page.mouse.down();
    await expect(a.page.getByRole("timer", { name: "Recording time" })).toHaveText("0:01", { timeout: 10_000 });
    return box;
  };

  // Held, slid away, released: nothing is kept.
  const box = await press();
  await expect(a.page.getByRole("status").filter({ hasText: "slide away to cancel" })).toBeVisible();
  await a.page.mouse.move(box.x - 150, box.y - 40, { steps: 5 });
  await expect(a.page.getByText("Release to cancel")).toBeVisible();
  await a.page.mouse.up();
  await expect(a.page.getByRole("timer", { name: "Recording time" })).toHaveCount(0);
  await expect(tray).toHaveCount(0);

  // Held and released in place: the recording joins the tray as a voice note.
  await press();
  await a.page.mouse.up();
  await expect(a.page.getByRole("timer", { name: "Recording time" })).toHaveCount(0);
  await expect(tray.getByText("Ready")).toBeVisible();
  await expect(tray.getByRole("listitem")).toHaveCount(1);
});
