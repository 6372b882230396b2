// The part of a streaming answer that fits one realtime event. Both the assistant chat's progress
// (assistant:progress) and `@ai` answers (assistant:answer) stream through it: a character cap
// alone lets CJK or emoji text (3–4 bytes a character) go over the event size limit, and such an
// event would not be published at all.
import { MAX_EVENT_BYTES, eventBytes } from "@/lib/realtime/events";
import { PROGRESS_TEXT_MAX } from "./events";

/** The UTF-8 size the answer's text may take in one event (the rest of the payload is small). */
const TEXT_BYTES_MAX = MAX_EVENT_BYTES - 1_000;

/** The tail of `text` that fits one event: at most PROGRESS_TEXT_MAX characters and TEXT_BYTES_MAX bytes. */
export function eventTail(text: string): string {
  let tail = text.slice(-PROGRESS_TEXT_MAX);
  while (eventBytes(tail) > TEXT_BYTES_MAX) tail = tail.slice(Math.ceil(tail.length / 8));
  // Never start with half of a surrogate pair.
  return /^[\uDC00-\uDFFF]/.test(tail) ? tail.slice(1) : tail;
}
