// An upload stored by one instance is served by every instance: instances share no disk
// (PARLEY_INSTANCES=2 requires S3-compatible storage; here the test S3 server, which checks every
// request's SigV4 signature). Attachments go from the browser straight to the bucket (presigned
// multipart parts: CORS and the page's connect-src are what a real browser checks).
import { expect, test } from "../e2e/fixtures/two-users";
import { testImage } from "../e2e/pages/chat-fixtures";
import { cluster } from "./support/cluster";

test.beforeEach(async () => {
  await cluster.restoreAll();
});

test("a message image is visible through both instances", async ({ alice: a, bob: b, users: { alice, bob } }) => {
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);
  const image = await testImage("cluster.png", "#22c55e");
  await a.attachImage(image);
  await a.sendButton.click();
  await expect(a.image("you")).toBeVisible();
  await expect(b.image(alice.name)).toBeVisible();

  // The image's URL, fetched with Bob's session from each instance directly: the same bytes.
  const src = await b.image(alice.name).getAttribute("src");
  expect(src).toMatch(/\/api\/uploads\//);
  const path = new URL(src!, "http://localhost").pathname;
  const bodies: Buffer[] = [];
  for (const instance of (await cluster.state()).instances) {
    const response = await b.page.request.get(`${instance.url}${path}`);
    expect(response.status(), `instance ${instance.port}`).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^image\//);
    bodies.push(await response.body());
  }
  expect(bodies[0]!.length).toBeGreaterThan(0);
  expect(bodies[0]!.equals(bodies[1]!)).toBe(true);

  // And after a reload Bob still sees it (whichever instance renders the page).
  await b.page.reload();
  await expect(b.image(alice.name)).toBeVisible();
});

test("an attachment goes from the browser straight to the bucket, and both instances serve it", async ({
  alice: a,
  bob: b,
  users: { alice, bob },
}) => {
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);
  // With S3 configured the browser PUTs the file's parts to presigned bucket URLs (CORS, and the
  // page's connect-src naming the bucket), not to the app.
  const origin = new URL(a.page.url()).origin;
  const partPuts: string[] = [];
  a.page.on("requestfinished", (request) => {
    if (request.method() === "PUT" && !request.url().startsWith(origin)) partPuts.push(request.url());
  });
  const pdf = Buffer.from(`%PDF-1.4\n% ${"cluster ".repeat(64)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  const chooser = a.page.waitForEvent("filechooser");
  await a.page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles([{ name: "cluster.pdf", mimeType: "application/pdf", buffer: pdf }]);
  await expect(a.page.getByRole("list", { name: "Files to send" }).getByText("Ready")).toBeVisible();
  expect(partPuts.length).toBeGreaterThan(0);
  expect(partPuts.every((url) => /X-Amz-Signature=/.test(url) && /partNumber=/.test(url))).toBe(true);
  await a.send("From the bucket");

  await expect(b.message("From the bucket")).toBeVisible();
  const link = b.page.getByRole("link", { name: "Download cluster.pdf" });
  await expect(link).toBeVisible();
  const path = new URL((await link.getAttribute("href"))!, "http://localhost").pathname;
  for (const instance of (await cluster.state()).instances) {
    const response = await b.page.request.get(`${instance.url}${path}`);
    expect(response.status(), `instance ${instance.port}`).toBe(200);
    expect((await response.body()).equals(pdf)).toBe(true);
  }
});
