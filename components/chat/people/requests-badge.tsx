"use client";
// The count of contact requests and group invitations waiting for me, beside the People tab (issue 15). Loaded after
// hydration (React.lazy in the sidebar): its module, the contacts store and its first fetch stay out
// of /chat's first paint; `contacts:changed` and `group-invitations:changed` keep it current.
import { useEffect } from "react";
import { ensureContacts, useContacts } from "@/lib/client/contacts";

export default function RequestsBadge() {
  useEffect(ensureContacts, []);
  const overview = useContacts().overview;
  const invitations = overview?.groupInvitations.length ?? 0;
  const count = (overview?.incoming.length ?? 0) + invitations;
  if (count === 0) return null;
  const label = `${count} ${invitations > 0 ? "request" : "contact request"}${count === 1 ? "" : "s"}`;
  return (
    <span
      role="status"
      aria-label={label}
      title={label}
      className="self-center rounded-full bg-sky-700 px-1.5 py-0.5 text-xs leading-none font-semibold text-white"
    >
      {count}
    </span>
  );
}
