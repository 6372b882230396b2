/**
 * Pusher Channels protocol v7 constants and small pure helpers shared by the
 * websocket and HTTP sides of the embedded server.
 */

export interface AppCredentials {
  appId: string;
  key: string;
  secret: string;
}

/** Limits follow Pusher's published ones so code that works here also works on hosted Pusher. */
export const LIMITS = {
  channelNameLength: 200,
  eventNameLength: 200,
  /** Applies to HTTP-triggered event data and to client event payloads. */
  eventDataBytes: 10 * 1024,
  channelsPerTrigger: 100,
  batchSize: 10,
  httpBodyBytes: 1024 * 1024,
  /** Frames above this are closed by `ws` with 1009 before we parse them. */
  wsFrameBytes: 128 * 1024,
  clientEventsPerSecond: 10,
  userIdLength: 128,
  userInfoBytes: 1024,
  subscriptionsPerSocket: 500,
  /** A socket whose unsent backlog exceeds this is a stalled consumer and is dropped. */
  sendBufferBytes: 4 * 1024 * 1024,
  /** Allowed clock skew for HTTP API `auth_timestamp`. */
  apiTimestampSkewSeconds: 600,
} as const;

/**
 * Close codes and `pusher:error` codes. pusher-js maps 4000-4099 to "do not reconnect",
 * 4100-4199 to "back off", 4200-4299 to "reconnect now".
 */
export const CODES = {
  appNotFound: 4001,
  unsupportedProtocol: 4007,
  unauthorized: 4009,
  /** Non-fatal: client event dropped by the rate limit. */
  clientEventRateLimited: 4301,
} as const;

export const SUPPORTED_PROTOCOLS = [5, 6, 7] as const;

export const SERVER_TO_USER_PREFIX = "#server-to-user-";

export type ChannelKind = "public" | "private" | "private-encrypted" | "presence" | "server-to-user";

const CHANNEL_NAME_CHARS = /^[A-Za-z0-9_\-=@,.;]+$/;
const SOCKET_ID = /^\d+\.\d+$/;

export function channelKind(name: string): ChannelKind {
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return "server-to-user";
  if (name.startsWith("presence-")) return "presence";
  if (name.startsWith("private-encrypted-")) return "private-encrypted";
  if (name.startsWith("private-")) return "private";
  return "public";
}

export function isValidUserId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= LIMITS.userIdLength;
}

/**
 * Ordinary channel names use Pusher's charset; `#server-to-user-{id}` is the one
 * reserved name with a `#`, and its id may be any string a signed-in user has.
 */
export function isValidChannelName(name: unknown): name is string {
  if (typeof name !== "string") return false;
  if (name.startsWith(SERVER_TO_USER_PREFIX)) {
    return isValidUserId(name.slice(SERVER_TO_USER_PREFIX.length));
  }
  return name.length > 0 && name.length <= LIMITS.channelNameLength && CHANNEL_NAME_CHARS.test(name);
}

export function isValidSocketId(id: unknown): id is string {
  return typeof id === "string" && id.length <= 64 && SOCKET_ID.test(id);
}

export function serverToUserChannel(userId: string): string {
  return SERVER_TO_USER_PREFIX + userId;
}

/** Channel events whose client-side handlers must only ever be triggered by the server. */
export function isReservedEventName(name: string): boolean {
  return name.startsWith("pusher:") || name.startsWith("pusher_internal:");
}

/**
 * Serialises one protocol frame. Pusher sends `data` of protocol events as a JSON
 * *string*; pusher-js parses it again, so callers pass already-encoded strings for those.
 */
export function encodeFrame(event: string, data: unknown, channel?: string, userId?: string): string {
  const frame: Record<string, unknown> = { event };
  if (channel !== undefined) frame.channel = channel;
  frame.data = data;
  if (userId !== undefined) frame.user_id = userId;
  return JSON.stringify(frame);
}

/** `pusher:error` data is an object (not a string), matching hosted Pusher. */
export function encodeError(message: string, code: number | null = null): string {
  return encodeFrame("pusher:error", { code, message });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Byte size of an event payload as it travels (strings as-is, anything else as JSON). */
export function payloadBytes(data: unknown): number {
  if (data === undefined) return 0;
  return Buffer.byteLength(typeof data === "string" ? data : JSON.stringify(data), "utf8");
}
