// Mentions on the send path: every mentioned id must be a member of the conversation (the send
// already read the members: no extra statement), and the mentions of others become MessageMention
// rows written in the send's transaction (only when there are any).
import "server-only";
import { AppError } from "@/lib/errors";
import { mentionedIds } from "./tokens";

/** The ids the body mentions, except the sender; a non-member among them is bad input (400). */
export function mentionsToStore(body: string | null, memberIds: readonly string[], senderId: string): string[] {
  const ids = mentionedIds(body);
  const members = new Set(memberIds);
  if (ids.some((id) => !members.has(id))) {
    throw new AppError("bad_request", "You can only mention members of this conversation.", {
      body: ["mentions someone who is not a member of this conversation"],
    });
  }
  return ids.filter((id) => id !== senderId);
}
