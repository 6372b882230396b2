// /chat/[id]: the server loads the conversation and its newest page of messages (membership is
// checked first by layout.tsx, so a non-member gets HTTP 404); the client view
// merges them into the store and keeps them live.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationView } from "@/components/chat/conversation-view";
import { requirePageUser } from "@/lib/auth/session";
import { messageActionLimits } from "@/lib/chat/message-actions/windows";
import { getConversation } from "@/lib/chat/conversations/reads";
import { assistantStatus } from "@/lib/chat/assistant/operations";
import { listMessages } from "@/lib/chat/messages/history";
import { MESSAGE_LIMITS } from "@/lib/chat/messages/limits";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Conversation" };
export const dynamic = "force-dynamic";

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/chat/${id}`);
  const data = await Promise.all([getConversation(user.id, id), listMessages(user.id, id), assistantStatus(user.id)]).catch(
    (error: unknown) => {
      if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden" || error.code === "bad_request"))
        return null;
      throw error;
    },
  );
  if (!data) notFound();
  const [conversation, messages, assistant] = data;
  // The limit travels as a prop so the client bundle does not import lib/chat/schemas (zod).
  return (
    <ConversationView
      key={conversation.id}
      conversation={conversation}
      page={messages}
      messageBodyMax={MESSAGE_LIMITS.messageBodyMax}
      actionLimits={messageActionLimits()}
      assistant={assistant.enabled && assistant.conversationId === conversation.id}
      smartReplies={assistant.smartReplies}
      catchUp={assistant.available && assistant.enabled}
    />
  );
}
