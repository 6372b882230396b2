// ICE servers for a call's participants (issue 18), from the environment: ICE_SERVERS as given, or
// STUN_URLS plus TURN_URLS with short-lived TURN REST credentials (the scheme coturn implements
// with `use-auth-secret` / `static-auth-secret`): username "<expiry unix seconds>:<user id>",
// credential base64(HMAC-SHA1(secret, username)). The secret never leaves the server; a credential
// is only handed to someone who is in the call (reads.ts), and expires after TURN_TTL_SECONDS.
import "server-only";
import { createHmac } from "node:crypto";
import { serverEnv } from "@/lib/config/env";
import type { IceServer } from "./dto";

const splitUrls = (value: string | undefined): string[] =>
  (value ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);

/** The TURN REST credential of `userId`, valid until `now` + ttl. */
export function turnCredential(
  secret: string,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
): { username: string; credential: string } {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${userId}`;
  return { username, credential: createHmac("sha1", secret).update(username).digest("base64") };
}

export function iceServersFor(userId: string, now = Date.now()): IceServer[] {
  const env = serverEnv();
  const servers: IceServer[] = env.ICE_SERVERS ? (JSON.parse(env.ICE_SERVERS) as IceServer[]) : [];
  const stun = splitUrls(env.STUN_URLS);
  if (stun.length > 0) servers.push({ urls: stun });
  const turn = splitUrls(env.TURN_URLS);
  if (turn.length > 0 && env.TURN_SECRET)
    servers.push({ urls: turn, ...turnCredential(env.TURN_SECRET, userId, env.TURN_TTL_SECONDS, now) });
  return servers;
}
