// Turning `@ai` on or off in a chat from its header menu (issue 19): the server action, then the
// conversation patched at once (every other member and tab follows through assistant:chat).
import { setAssistantInChatAction } from "@/app/(chat)/actions";
import { callAction } from "./call-action";
import { notify } from "./notify";
import type { MessageStore } from "./store/message-slices";

export async function setAssistantInChat(store: MessageStore, conversationId: string, enabled: boolean): Promise<void> {
  const result = await callAction(() => setAssistantInChatAction(conversationId, enabled));
  if (!result) return;
  store.getState().patchConversation(conversationId, { assistantInChat: result.enabled });
  notify.success(result.enabled ? "Parley AI is on in this chat: ask it with @ai" : "Parley AI is off in this chat");
}
