// Pushes per second (issue 16, docs/BENCHMARKS.md "Web Push"): lib/chat/notifications/deliver.ts
// deliverPush — payload encryption (aes128gcm), VAPID signature and the POST — to a local stand-in
// push service (tests/support/push-service.ts), 16 at a time like the worker, for a fixed count.
// Usage: npx tsx --conditions=react-server scripts/measure-push.ts [count]
import webpush from "web-push";
import { startPushService } from "@/tests/support/push-service";

const count = Number(process.argv[2] ?? 2000);
const keys = webpush.generateVAPIDKeys();
// The environment the server would have (no database or realtime server is used here).
Object.assign(process.env, {
  VAPID_PUBLIC_KEY: keys.publicKey,
  VAPID_PRIVATE_KEY: keys.privateKey,
  NODE_ENV: "test",
  DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
  PUSHER_APP_ID: "1",
  PUSHER_KEY: "unused",
  PUSHER_SECRET: "unused",
});
const { deliverPush } = await import("@/lib/chat/notifications/deliver");

const service = await startPushService();
const targets = Array.from({ length: 50 }, (_, i) => service.subscription(`/device-${i}`));
const payload = JSON.stringify({
  v: 1,
  conversationId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  messageId: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c",
  title: "Alice Example in Climbing club",
  body: "Are we still on for Saturday? I can bring the ropes and the guidebook.",
  tag: "parley-chat-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  url: "/chat/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
});
const started = performance.now();
let sent = 0;
for (let at = 0; at < count; at += 16) {
  const batch = Array.from({ length: Math.min(16, count - at) }, (_, i) => {
    const { endpoint, keys: k } = targets[(at + i) % targets.length]!;
    return deliverPush({ endpoint, p256dh: k.p256dh, auth: k.auth }, payload, { conversationId: "0190a1b2c3d47e5f8a9b0c1d2e3f4a5b" });
  });
  sent += (await Promise.all(batch)).filter((r) => r === "sent").length;
}
const seconds = (performance.now() - started) / 1000;
// Every body decrypts with its device's keys (the measurement sends real pushes).
const decrypted = service.payloads(targets[0]!).length;
console.log(
  `${sent}/${count} pushes sent in ${seconds.toFixed(2)} s: ${(sent / seconds).toFixed(0)} pushes/s (device 0 decrypted ${decrypted})`,
);
await service.close();
