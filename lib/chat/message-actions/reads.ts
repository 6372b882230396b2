// Reads of the message actions: the edit history of a message, for its author only.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadVisibleMessage } from "./operations";

export interface EditHistory {
  /** The text as it is now. */
  current: string | null;
  /** Earlier versions, newest first: the text each edit replaced, and when. */
  versions: { body: string; replacedAt: string }[];
}

/** Previous versions of my own message (another member's message: 403; not visible: 404). */
export async function editHistory(actorId: string, messageId: string): Promise<EditHistory> {
  const { message } = await loadVisibleMessage(actorId, messageId);
  if (message.senderId !== actorId) throw new AppError("forbidden", "Only the author can see earlier versions of a message.");
  const edits = await db.messageEdit.findMany({
    where: { messageId },
    orderBy: [{ editedAt: "desc" }, { id: "desc" }],
    select: { body: true, editedAt: true },
    take: 100,
  });
  return { current: message.body, versions: edits.map((e) => ({ body: e.body, replacedAt: e.editedAt.toISOString() })) };
}
