// Avatars for the chat UI: one person (picture or initials, optional status dot) or a group stack.
// Inside links and buttons they are decorative (the control's text names the person).
import type { SafeUser } from "@/lib/chat/kernel/dto";
import type { ShownStatus } from "@/lib/chat/status/shown";

const COLORS = [
  "bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  "bg-rose-100 text-rose-800 dark:bg-rose-900 dark:text-rose-100",
  "bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100",
];

function colorOf(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

export function initialsOf(name: string | null): string {
  return (
    (name ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join("") || "?"
  );
}

/** The dot's colour per shown status (issue 15): online green, away amber, busy red. */
const STATUS_DOT: Record<ShownStatus, string> = { online: "bg-emerald-500", away: "bg-amber-400", busy: "bg-red-500" };

export function UserAvatar({
  user,
  size = 40,
  online = false,
  decorative = true,
}: {
  user: SafeUser;
  size?: number;
  /** true (online) or the status shown; false/null: no dot. */
  online?: boolean | ShownStatus | null;
  decorative?: boolean;
}) {
  const dot = online === true ? "online" : online || null;
  const label = `${user.name ?? "Parley user"}'s avatar`;
  const a11y = decorative ? { "aria-hidden": true as const } : { role: "img" as const, "aria-label": label };
  return (
    <span className="relative inline-flex shrink-0" style={{ width: size, height: size }} {...a11y}>
      {user.image ? (
        // eslint-disable-next-line @next/next/no-img-element -- user images: same-origin uploads or allowed hosts, any size
        <img
          src={user.image}
          alt=""
          width={size}
          height={size}
          referrerPolicy="no-referrer"
          className="size-full rounded-full object-cover"
        />
      ) : (
        <span
          className={`inline-flex size-full items-center justify-center rounded-full font-semibold ${colorOf(user.id)}`}
          style={{ fontSize: Math.max(9, size * 0.38) }}
        >
          {initialsOf(user.name)}
        </span>
      )}
      {dot ? (
        <span
          className={`absolute right-0 bottom-0 block rounded-full ${STATUS_DOT[dot]} ring-2 ring-white dark:ring-neutral-900`}
          style={{ width: Math.max(8, size * 0.28), height: Math.max(8, size * 0.28) }}
        />
      ) : null}
    </span>
  );
}

/**
 * A group's picture: its icon (issue 15, lib/chat/group-admin/icon.ts; an image named "<group>
 * group icon"), or two overlapping avatars of its members (decorative).
 */
export function GroupAvatar({
  members,
  size = 40,
  online = false,
  icon,
  name,
}: {
  members: SafeUser[];
  size?: number;
  online?: boolean;
  icon?: string | null;
  name?: string | null;
}) {
  if (icon) {
    return (
      <span className="relative inline-flex shrink-0" style={{ width: size, height: size }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a same-origin upload, members only */}
        <img src={icon} alt={`${name ?? "Group"} group icon`} width={size} height={size} className="size-full rounded-full object-cover" />
        {online ? (
          <span className="absolute top-0 right-0 block size-2.5 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-neutral-900" />
        ) : null}
      </span>
    );
  }
  const [first, second] = members;
  const small = Math.round(size * 0.68);
  if (!first) return <UserAvatar user={{ id: "group", name: "Group", image: null }} size={size} online={online} />;
  return (
    <span aria-hidden className="relative inline-block shrink-0" style={{ width: size, height: size }}>
      <span className="absolute top-0 left-0">
        <UserAvatar user={first} size={small} />
      </span>
      {second ? (
        <span className="absolute right-0 bottom-0 rounded-full ring-2 ring-white dark:ring-neutral-900">
          <UserAvatar user={second} size={small} />
        </span>
      ) : null}
      {online ? (
        <span className="absolute right-0 top-0 block size-2.5 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-neutral-900" />
      ) : null}
    </span>
  );
}
