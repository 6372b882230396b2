// One person's name with their @username and about line under it (people search, contacts, requests).
import type { Person } from "@/lib/chat/profiles/dto";

export function PersonLine({ user, prefix, detail }: { user: Person; prefix?: string; detail?: string }) {
  const second = detail ?? [user.username ? `@${user.username}` : null, user.about].filter(Boolean).join(" · ");
  return (
    <span className="flex min-w-0 flex-1 flex-col text-left">
      <span className="truncate font-medium">
        {prefix ? <span className="sr-only">{prefix} </span> : null}
        {user.name ?? "Parley user"}
      </span>
      {second ? <span className="truncate text-xs text-neutral-600 dark:text-neutral-400">{second}</span> : null}
    </span>
  );
}
