// Instances going away: a crash (SIGKILL) mid-conversation, and a rolling restart (SIGTERM: the
// drain of lib/server/drain.ts) under traffic. The proxy behaves as a load balancer: it health-checks
// /api/health and retries a request whose instance cannot be reached.
import { randomUUID } from "node:crypto";
import { expect, test } from "../e2e/fixtures/two-users";
import { allMessages, cluster } from "./support/cluster";

test.beforeEach(async () => {
  await cluster.restoreAll();
});
test.afterEach(async () => {
  await cluster.restoreAll();
});

test("an instance killed mid-conversation loses no message", async ({ alice: a, bob: b, users: { alice, bob }, conversationId }) => {
  await a.openConversation(bob.name);
  await b.openConversation(alice.name);
  const before = ["before the crash 1", "before the crash 2"];
  for (const text of before) await a.send(text);
  for (const text of before) await expect(b.message(text)).toHaveCount(1);

  await cluster.resetProxyStats();
  await cluster.kill(1); // SIGKILL to the whole process group: no drain, no goodbye
  const after = ["after the crash 1", "after the crash 2", "after the crash 3"];
  for (const text of after) await a.send(text);
  await b.send("Bob after the crash");
  for (const text of after) await expect(b.message(text)).toHaveCount(1);
  await expect(a.message("Bob after the crash")).toHaveCount(1);

  const { stats, instances } = await cluster.state();
  expect(instances[1]!.running).toBe(false);
  expect(stats.failures, stats.failureLog.join("\n")).toBe(0);

  // The database has every message exactly once, and so do both pages after a reload.
  const stored = await allMessages(a.page.request, conversationId);
  const bodies = stored.map((m) => m.body);
  for (const text of [...before, ...after, "Bob after the crash"]) expect(bodies.filter((body) => body === text)).toHaveLength(1);
  for (const app of [a, b]) {
    await app.page.reload();
    for (const text of [...before, ...after]) await expect(app.message(text)).toHaveCount(1);
  }
});

test("a SIGTERM under traffic fails no request (drain) and the restarted instance serves again", async ({
  alice: a,
  bob: b,
  users: { alice },
  conversationId,
  baseURL,
}) => {
  await b.openConversation(alice.name);
  await cluster.resetProxyStats();

  // A client loop: two senders through the proxy, each sending every ~50 ms, as long as the restart lasts.
  const sent: string[] = [];
  const failed: string[] = [];
  let running = true;
  const sender = async (worker: number) => {
    for (let n = 0; running; n += 1) {
      const body = `loop ${worker}-${n}`;
      try {
        const response = await a.page.request.post(`/api/conversations/${conversationId}/messages`, {
          data: { id: randomUUID(), body },
          headers: { Origin: baseURL! },
        });
        if (response.status() === 201) sent.push(body);
        else failed.push(`${body}: HTTP ${response.status()} ${await response.text()}`);
      } catch (error) {
        failed.push(`${body}: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const senders = [0, 1].map(sender);
  await expect.poll(() => sent.length).toBeGreaterThan(10);

  const drained = await cluster.terminate(0); // SIGTERM to the launcher, as an orchestrator sends it
  expect(drained.code, drained.output).toBe(0);
  expect(drained.output).toContain("drained (0 request(s) cut, 0 task(s) unfinished)");
  const duringDrain = sent.length;
  await cluster.start(0);
  // Traffic continues with both instances in rotation again.
  await expect.poll(() => sent.length, { timeout: 20_000 }).toBeGreaterThan(duringDrain + 10);
  running = false;
  await Promise.all(senders);

  expect(failed).toEqual([]);
  const { stats, instances } = await cluster.state();
  // Zero failures without the proxy's help: no request had to be retried on the other instance.
  expect(stats.failures, stats.failureLog.join("\n")).toBe(0);
  expect(stats.retries).toBe(0);
  expect(stats.serverErrors).toBe(0);
  expect(instances.every((i) => i.running && i.healthy)).toBe(true);

  // Every acknowledged message is stored once and reached Bob live.
  const stored = (await allMessages(a.page.request, conversationId)).map((m) => m.body);
  expect(stored.filter((body) => body?.startsWith("loop "))).toHaveLength(sent.length);
  expect(new Set(stored).size).toBe(stored.length);
  await expect(b.message(sent.at(-1)!)).toHaveCount(1, { timeout: 30_000 });
});
