// An upload stored by one instance is served by every instance: instances share no disk
// (PARLEY_INSTANCES=2 requires S3-compatible storage; here the test S3 server, which checks every
// request's SigV4 signature).
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
