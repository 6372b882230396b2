// The membership check of /chat/[id], above this segment's loading.tsx (a Suspense boundary): a
// conversation I am not in, or that does not exist, answers HTTP 404 (app/(chat)/chat/not-found.tsx
// inside the chat layout). Thrown in the page, below the boundary, notFound() would come after the
// response had started streaming with status 200.
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { requireMembership } from "@/lib/chat/kernel/access";
import { AppError } from "@/lib/errors";

export default async function ConversationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/chat/${id}`);
  const isMember = await requireMembership(user.id, id).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return false;
      throw error;
    },
  );
  if (!isMember) notFound();
  return children;
}
