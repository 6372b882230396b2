// Props every message part component receives: its part, and the message it belongs to (for the
// state of an optimistic send: local preview, progress, failure).
import type { MessagePart, MessagePartKind } from "@/lib/chat/messages/content";
import type { UiMessage } from "@/lib/client/store";

export interface OpenImage {
  (image: { src: string; alt: string }): void;
}

export interface PartProps<K extends MessagePartKind = MessagePartKind> {
  part: Extract<MessagePart, { kind: K }>;
  message: UiMessage;
  mine: boolean;
  /** "You" for my messages. */
  senderName: string;
  onOpenImage: OpenImage;
}
