// Sending one push (issue 16): the payload is encrypted for the subscription (aes128gcm, RFC 8291)
// and signed with our VAPID key (RFC 8292) by the `web-push` library's generateRequestDetails, then
// POSTed with fetch (one code path for every push service; it also reaches the local stand-in push
// service the tests run). Retries with doubling backoff on a network error, 429 or 5xx; 404/410
// mean the subscription is gone.
import "server-only";
import webpush from "web-push";
import { serverEnv } from "@/lib/config/env";
import { PUSH_ATTEMPTS, PUSH_BACKOFF_MS } from "./limits";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export type DeliveryResult = "sent" | "gone" | "failed";

/** The VAPID details of this deployment, or null when no key pair is configured (no Web Push). */
export function vapidDetails(): { subject: string; publicKey: string; privateKey: string } | null {
  const env = serverEnv();
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
  return { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
}

/** The push service's Topic header: a later push of the same chat replaces one not yet delivered. */
const topicOf = (conversationId: string) => conversationId.replace(/[^A-Za-z0-9]/g, "").slice(0, 32);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverPush(
  target: PushTarget,
  payload: string,
  options: { conversationId: string; backoffMs?: number },
): Promise<DeliveryResult> {
  const vapid = vapidDetails();
  if (!vapid) return "failed";
  const backoff = options.backoffMs ?? PUSH_BACKOFF_MS;
  for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
    let retryAfterMs = 0;
    try {
      const details = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        {
          vapidDetails: vapid,
          TTL: 24 * 60 * 60,
          urgency: "high",
          topic: topicOf(options.conversationId),
        },
      );
      const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
      const response = await fetch(details.endpoint, {
        method: details.method,
        headers,
        body: details.body ? new Uint8Array(details.body) : undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return "sent";
      if (response.status === 404 || response.status === 410) return "gone";
      if (response.status !== 429 && response.status < 500) return "failed"; // 400/401/403/413: retrying will not help
      retryAfterMs = Math.min(Number(response.headers.get("retry-after")) * 1000 || 0, 30_000);
    } catch {
      // Network error or timeout: retried below.
    }
    if (attempt < PUSH_ATTEMPTS) await sleep(Math.max(retryAfterMs, backoff * 2 ** (attempt - 1)));
  }
  return "failed";
}
