"use client";
// A group notice in the chat list's preview ("Ana added Ben", issue 15): its own chunk, loaded when
// a row first shows one, so the words are not in the list's first-load JavaScript.
import type { SystemEvent } from "@/lib/chat/group-admin/dto";
import { systemText } from "@/lib/chat/group-admin/words";

export default function SystemPreview({
  system,
  actor,
  meId,
}: {
  system: SystemEvent;
  actor: { id: string; name: string | null } | null;
  meId: string;
}) {
  return <>{systemText(system, actor, meId)}</>;
}
