// "Seen" (1:1) / "Seen by" (group) under the newest message each member has seen.
import type { SafeUser } from "@/lib/chat/kernel/dto";
import { UserAvatar } from "../user-avatar";

export function SeenMarker({ users, isGroup }: { users: SafeUser[]; isGroup: boolean }) {
  const names = users.map((u) => u.name ?? "Parley user").join(", ");
  return (
    <p className="mt-1 flex items-center gap-1 text-xs text-neutral-500 dark:text-neutral-400">
      <span>{isGroup ? "Seen by" : "Seen"}</span>
      <span className="sr-only">{isGroup ? names : `by ${names}`}</span>
      <span aria-hidden className="flex -space-x-1">
        {users.slice(0, 5).map((u) => (
          <span key={u.id} title={u.name ?? undefined} className="rounded-full ring-2 ring-white dark:ring-neutral-950">
            <UserAvatar user={u} size={16} />
          </span>
        ))}
        {users.length > 5 ? <span className="pl-2">+{users.length - 5}</span> : null}
      </span>
    </p>
  );
}
