// The signed-in chat app: the server loads my first page of conversations and the realtime
// browser config (at run time, so one build serves the embedded stack and hosted Pusher alike);
// the client shell keeps it in a zustand store that realtime events update. My Parley AI chat (when
// the assistant is on) is pinned first, loaded with the page even when its activity is older.
import type { Metadata } from "next";
import { ChatShell } from "@/components/layout/chat-shell";
import { RealtimeProvider } from "@/components/providers/realtime-provider";
import { requirePageUser } from "@/lib/auth/session";
import { pinnedAssistantChat } from "@/lib/chat/assistant/operations";
import { getConversation, listConversations } from "@/lib/chat/conversations/reads";
import { getSettings } from "@/lib/chat/settings/reads";
import { myStatus } from "@/lib/chat/status/reads";
import { ChatStoreProvider } from "@/lib/client/store";
import { realtimeClientConfig } from "@/lib/realtime/config";

export const metadata: Metadata = { title: "Chat" };
export const dynamic = "force-dynamic";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser("/chat");
  const [page, realtime, pinnedId, status, settings] = await Promise.all([
    listConversations(user.id),
    Promise.resolve(realtimeClientConfig()),
    pinnedAssistantChat(user.id),
    myStatus(user.id),
    getSettings(user.id),
  ]);
  let conversations = page.conversations;
  if (pinnedId && !conversations.some((c) => c.id === pinnedId)) {
    const pinned = await getConversation(user.id, pinnedId).catch(() => null);
    if (pinned) conversations = [...conversations, pinned];
  }
  return (
    <ChatStoreProvider
      me={user}
      provider={realtime.databaseProvider}
      conversations={conversations}
      nextCursor={page.nextCursor}
      pinnedConversationId={pinnedId}
      archivedCount={page.archivedCount ?? 0}
      myStatus={status}
      settings={settings}
    >
      <RealtimeProvider config={realtime}>
        <ChatShell>{children}</ChatShell>
      </RealtimeProvider>
    </ChatStoreProvider>
  );
}
