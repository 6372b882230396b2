// The signed-in chat app: the server loads my first page of conversations and the realtime
// browser config (at run time, so one build serves the embedded stack and hosted Pusher alike);
// the client shell keeps it in a zustand store that realtime events update.
import type { Metadata } from "next";
import { ChatShell } from "@/components/layout/chat-shell";
import { RealtimeProvider } from "@/components/providers/realtime-provider";
import { requirePageUser } from "@/lib/auth/session";
import { listConversations } from "@/lib/chat/conversations/reads";
import { ChatStoreProvider } from "@/lib/client/store";
import { realtimeClientConfig } from "@/lib/realtime/config";

export const metadata: Metadata = { title: "Chat" };
export const dynamic = "force-dynamic";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser("/chat");
  const [page, realtime] = await Promise.all([listConversations(user.id), Promise.resolve(realtimeClientConfig())]);
  return (
    <ChatStoreProvider me={user} provider={realtime.databaseProvider} conversations={page.conversations} nextCursor={page.nextCursor}>
      <RealtimeProvider config={realtime}>
        <ChatShell>{children}</ChatShell>
      </RealtimeProvider>
    </ChatStoreProvider>
  );
}
