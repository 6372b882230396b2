// Inputs of notifications (issue 16), parsed in the domain.
import { z } from "zod";

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");

/**
 * A browser's PushSubscription.toJSON(). The server will POST to the endpoint, so it must be an
 * https URL on a public host name (push services are); plain http is accepted for a loopback host
 * only outside production (the local stand-in push service of the tests).
 */
export const subscribeSchema = z.object({
  endpoint: z
    .url()
    .max(1024)
    .refine((value) => endpointAllowed(value), "must be an https URL of a push service"),
  keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
  previews: z.boolean().optional(),
});
export type SubscribeInput = z.infer<typeof subscribeSchema>;

export const endpointSchema = z.object({ endpoint: z.url().max(1024) });

export const devicePatchSchema = z.object({ previews: z.boolean() });

export const focusSchema = z.object({ focused: z.boolean() });

const PRIVATE_HOST =
  /^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[.*\])$/i;
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/i;

export function endpointAllowed(value: string, production = process.env.NODE_ENV === "production"): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === "https:" && !PRIVATE_HOST.test(url.hostname)) return true;
  return !production && (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.test(url.hostname);
}
