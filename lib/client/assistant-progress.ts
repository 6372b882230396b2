// `assistant:progress` in the browser: an answer being generated for me in another tab or device
// (the asking tab reads its own stream). The realtime capability hands each event here; the
// assistant chat's panel, when open, listens. No store state: progress is transient by design.
import type { EventPayload } from "@/lib/realtime/events";

export type AssistantProgress = EventPayload<"assistant:progress">;
type Listener = (event: AssistantProgress) => void;

const listeners = new Set<Listener>();

export function publishAssistantProgress(event: AssistantProgress): void {
  for (const listener of listeners) listener(event);
}

export function onAssistantProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
