// A local stand-in for a Web Push service (never imported by application code): it accepts the
// pushes the app POSTs (aes128gcm bodies, VAPID Authorization), answers each path's configured
// status, and lets a test decrypt what a subscription received with that subscription's own
// private key (http_ece), like a browser would. Subscriptions are made from createECDH('prime256v1')
// and 16 random auth bytes.
import { createECDH, randomBytes, type ECDH } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Decrypts a body this subscription received. */
  decrypt(body: Buffer): unknown;
}

export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PushService {
  url: string;
  received: ReceivedPush[];
  /** Status answers for a path: consumed in order, the last one repeats (default 201). */
  answer(path: string, ...statuses: number[]): void;
  subscription(path: string): TestSubscription;
  /** What the subscription at `path` received, decrypted. */
  payloads(subscription: TestSubscription): unknown[];
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number[]>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const queue = answers.get(path) ?? [];
      const status = queue.length > 1 ? queue.shift()! : (queue[0] ?? 201);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keysByPath = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  return {
    url,
    received,
    answer: (path, ...statuses) => void answers.set(path, statuses),
    subscription(path) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      keysByPath.set(path, { ecdh, auth });
      return {
        endpoint: `${url}${path}`,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
        decrypt: (body) =>
          JSON.parse(
            ece.decrypt(body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth.toString("base64url") }).toString("utf8"),
          ),
      };
    },
    payloads(subscription) {
      const path = new URL(subscription.endpoint).pathname;
      return received.filter((r) => r.path === path).map((r) => subscription.decrypt(r.body));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
