// Block or unblock the other member of a 1:1 from its header (issue 15): the server action, then
// the conversation patched at once ("You blocked this contact" replaces the composer).
import { setBlockedAction } from "@/app/(chat)/actions";
import { callAction } from "./call-action";
import { notify } from "./notify";
import type { MessageStore } from "./store/message-slices";

export async function setBlocked(store: MessageStore, conversationId: string, userId: string, blocked: boolean): Promise<void> {
  const result = await callAction(() => setBlockedAction(userId, blocked));
  if (!result) return;
  store.getState().patchConversation(conversationId, { blockedByMe: result.blocked });
  notify.success(result.blocked ? "Contact blocked" : "Contact unblocked");
}
