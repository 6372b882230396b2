// What the chat API returns: JSON-ready shapes (dates as ISO strings), the same for route handlers,
// server components and realtime payloads. Users appear only with their safe fields.
export interface SafeUser {
  id: string;
  name: string | null;
  image: string | null;
}

export type MemberRole = "admin" | "member";

export interface Member extends SafeUser {
  role: MemberRole;
  /** When this member was last active (ISO), or null if never recorded. */
  lastActiveAt: string | null;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  body: string | null;
  image: string | null;
  createdAt: string;
  sender: SafeUser;
  /** Users who have seen the message (the sender included). */
  seenBy: SafeUser[];
}

export interface MessagePreview {
  id: string;
  senderId: string;
  /** At most PREVIEW_LENGTH characters of the body. */
  body: string | null;
  hasImage: boolean;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  name: string | null;
  isGroup: boolean;
  createdAt: string;
  lastMessageAt: string;
  members: Member[];
  myRole: MemberRole;
  lastMessage: MessagePreview | null;
  unreadCount: number;
}

export interface MessagePage {
  /** Newest first. */
  messages: MessageDto[];
  hasOlder: boolean;
  hasNewer: boolean;
  /** Pass as `before` for the next older page (null when there is none). */
  olderCursor: string | null;
  /** Pass as `after` for newer messages (null when the page is empty and no cursor was given). */
  newerCursor: string | null;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass as `cursor` for the next page (null on the last page). */
  nextCursor: string | null;
}

export const PREVIEW_LENGTH = 120;

export function toRole(value: string | undefined): MemberRole {
  return value === "admin" ? "admin" : "member";
}

export function toMessageDto(row: {
  id: string;
  conversationId: string;
  body: string | null;
  image: string | null;
  createdAt: Date;
  sender: SafeUser;
  seen: SafeUser[];
}): MessageDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    body: row.body,
    image: row.image,
    createdAt: row.createdAt.toISOString(),
    sender: row.sender,
    seenBy: withSender(row.sender, row.seen),
  };
}

/**
 * A sender has seen their own message. Sends do not store that in the Seen relation (two fewer
 * statements per send); rows written by older code, or by the seed-001 app on MongoDB, may hold
 * it, so the sender is merged in once, keeping the relation's order (by id).
 */
function withSender(sender: SafeUser, seen: SafeUser[]): SafeUser[] {
  if (seen.some((user) => user.id === sender.id)) return seen;
  const at = seen.findIndex((user) => user.id > sender.id);
  return at === -1 ? [...seen, sender] : [...seen.slice(0, at), sender, ...seen.slice(at)];
}

export function toPreview(row: { id: string; senderId: string; body: string | null; image: string | null; createdAt: Date }): MessagePreview {
  return {
    id: row.id,
    senderId: row.senderId,
    body: row.body === null ? null : row.body.length > PREVIEW_LENGTH ? `${row.body.slice(0, PREVIEW_LENGTH - 1)}…` : row.body,
    hasImage: row.image !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
