// /chat/join/[token]: an invite link of a group (issue 15). Signed in (the chat layout asks), I see
// the group's icon, name, description and member count — never its members — and a Join button; a link
// that is revoked, expired or used up says so. Already a member: the chat opens.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { GroupAvatar } from "@/components/chat/user-avatar";
import { JoinGroupButton } from "@/components/chat/group-info/join-group-button";
import { requirePageUser } from "@/lib/auth/session";
import { previewInvite } from "@/lib/chat/group-admin/invites";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Join group" };
export const dynamic = "force-dynamic";

export default async function JoinGroupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requirePageUser(`/chat/join/${token}`);
  const preview = await previewInvite(user.id, token).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "bad_request")) return error.message;
    throw error;
  });
  if (typeof preview !== "string" && preview.conversationId) redirect(`/chat/${preview.conversationId}`);
  return (
    <section aria-labelledby="join-title" className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      {typeof preview === "string" ? (
        <>
          <h2 id="join-title" className="text-xl font-semibold">
            Invite link
          </h2>
          <p role="alert" className="text-sm text-neutral-700 dark:text-neutral-300">
            {preview}
          </p>
        </>
      ) : (
        <>
          <GroupAvatar members={[]} size={96} icon={preview.icon} name={preview.name} />
          <p className="text-sm text-neutral-600 dark:text-neutral-400">You are invited to join</p>
          <h2 id="join-title" className="text-2xl font-semibold break-words">
            {preview.name ?? "A group"}
          </h2>
          {preview.description ? <p className="max-w-md text-sm whitespace-pre-wrap">{preview.description}</p> : null}
          <p className="text-sm text-neutral-600 dark:text-neutral-400">
            {preview.memberCount} {preview.memberCount === 1 ? "member" : "members"}
          </p>
          <JoinGroupButton token={preview.token} />
        </>
      )}
    </section>
  );
}
