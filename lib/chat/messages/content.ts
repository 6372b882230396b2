// What a message shows, as a list of typed parts (pure, browser-safe: no server imports).
// Seed 001's Message.body and Message.image are the storage of text and images; a new kind
// (file, audio, video, system notice, …) extends MessagePart and messageParts here, and gets one
// component in components/chat/message/ registered in message-content.tsx.
import type { AttachmentDto } from "@/lib/chat/attachments/dto";

export type MessagePart =
  | { kind: "text"; text: string }
  | { kind: "image"; url: string }
  /** Files, audio, video and voice notes (issue 14), in order; the text is their caption. */
  | { kind: "attachments"; items: AttachmentDto[] };

export type MessagePartKind = MessagePart["kind"];

/** The parts of a message in display order: the image first, then the text. Empty fields show nothing. */
export function messageParts(message: { body: string | null; image: string | null; attachments?: AttachmentDto[] }): MessagePart[] {
  const parts: MessagePart[] = [];
  if (message.image) parts.push({ kind: "image", url: message.image });
  if (message.attachments && message.attachments.length > 0) parts.push({ kind: "attachments", items: message.attachments });
  if (message.body) parts.push({ kind: "text", text: message.body });
  return parts;
}
