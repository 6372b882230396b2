// Opaque keyset cursors over (timestamp, id): base64url of a small JSON array. Pure and browser-safe,
// so the client can build the cursor of a message it already holds (resync after a reconnect).
import { isRecordId } from "./ids";

export interface CursorPosition {
  /** The ordering timestamp (Message.createdAt, or Conversation.lastMessageAt for the list). */
  at: Date;
  id: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): string {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(position: { at: Date | string; id: string }): string {
  const at = typeof position.at === "string" ? new Date(position.at) : position.at;
  return toBase64Url(JSON.stringify([at.getTime(), position.id]));
}

/** The position a cursor encodes, or null if it is not a cursor Parley made. */
export function decodeCursor(cursor: string): CursorPosition | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(fromBase64Url(cursor));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [ms, id] = value as [unknown, unknown];
    if (typeof ms !== "number" || !Number.isSafeInteger(ms) || typeof id !== "string" || !isRecordId(id)) return null;
    const at = new Date(ms);
    return Number.isNaN(at.getTime()) ? null : { at, id };
  } catch {
    return null;
  }
}
