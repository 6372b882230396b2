// Shared types of the chat store: what each slice holds and how a slice is written.
import type { StateCreator } from "zustand/vanilla";
import type { ConversationSummary } from "@/lib/chat/conversations/dto";
import type { MessageDto } from "@/lib/chat/messages/dto";
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { DatabaseProvider } from "@/lib/chat/kernel/ids";
import type { UserSettings } from "@/lib/chat/settings/values";
import type { MyStatus } from "@/lib/chat/status/shown";
import type { ChatState } from "./index";
import type { MessageViewState } from "./message-slices";

/** sending: on its way; queued: no connection, sent automatically when it returns (lib/client/outbox); failed: refused, manual Retry. */
export type SendStatus = "sending" | "queued" | "failed";

export interface UiMessage extends MessageDto {
  /** Set while an optimistic message is not confirmed by the server. */
  status?: SendStatus;
  /** Local preview (object URL) of an image being uploaded. */
  localImage?: string;
  /** 0..1 while the image uploads. */
  progress?: number;
  /** Error shown with "failed — retry". */
  error?: string;
  /** Files still uploading when I sent the message (issue 14): it goes out once they finish. */
  uploads?: UploadingFile[];
  truncated?: true;
}

export interface UploadingFile {
  /** Its place among the files the message was sent with (stable while others leave the list). */
  key: number;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
}

export interface MessageState {
  items: UiMessage[]; // newest first
  hasOlder: boolean;
  olderCursor: string | null;
  loadingOlder: boolean;
  /** After a jump to a search hit: the messages newer than those held are not loaded yet. */
  hasNewer?: boolean;
  newerCursor?: string | null;
}

/** What the server rendered: every slice starts from it. */
export interface ChatInit {
  me: SafeUser;
  provider: DatabaseProvider;
  conversations: ConversationSummary[];
  conversationsCursor: string | null;
  /** My Parley AI chat (issue 19), pinned at the top of the list; null when the assistant is off. */
  pinnedConversationId?: string | null;
  /** How many chats my Archived folder holds (issue 15, the list's first page). */
  archivedCount?: number;
  /** My status (issue 15, lib/chat/status); online when absent. */
  myStatus?: MyStatus;
  /** My app settings (issue 15, lib/chat/settings); the defaults when absent. */
  settings?: UserSettings;
}

/**
 * A capability's part of the store: its state and actions. `set` and `get` see the whole store,
 * so an action may update another slice's state in the same change (e.g. removing a conversation
 * drops its messages).
 */
export type ChatSlice<Slice> = (init: ChatInit) => StateCreator<ChatState, [], [], Slice>;

/** A message-view slice (./message-slices.ts): added to the store later, so it starts empty (no init). */
export type MessageViewSlice<Slice> = StateCreator<MessageViewState, [], [], Slice>;
