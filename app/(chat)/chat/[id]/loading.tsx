import { ConversationSkeleton } from "@/components/chat/skeletons";

export default function Loading() {
  return <ConversationSkeleton />;
}
