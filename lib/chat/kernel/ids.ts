// Record ids of both database providers, and client-side id generation for idempotent sends.
// Pure and browser-safe: the chat UI imports newMessageId to create the id of a message before
// sending it, so a retry of the same send carries the same id.
export type DatabaseProvider = "postgresql" | "mongodb";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);
export const isObjectId = (value: string): boolean => OBJECT_ID.test(value);

/** Any record id shape Parley uses (UUID on PostgreSQL, ObjectId on MongoDB). */
export const isRecordId = (value: string): boolean => isUuid(value) || isObjectId(value);

/** Whether `value` is an id the given provider can store (and query without a driver error). */
export function isIdFor(provider: DatabaseProvider, value: string): boolean {
  return provider === "mongodb" ? isObjectId(value) : isUuid(value);
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** RFC 9562 UUIDv7: 48-bit millisecond timestamp, then random bits (time-ordered, like the server's ids). */
export function uuidv7(now = Date.now()): string {
  const bytes = randomBytes(16);
  let ms = now;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** MongoDB ObjectId shape: 4-byte seconds timestamp + 8 random bytes. */
export function objectId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0");
  return seconds + hex(randomBytes(8));
}

/** A fresh message id for the configured provider (the UI gets the provider from the server). */
export function newMessageId(provider: DatabaseProvider, now = Date.now()): string {
  return provider === "mongodb" ? objectId(now) : uuidv7(now);
}
