"use client";
// The group info panel's invite links (issue 15, admins only): create a link with an expiry and a
// number of uses, copy it, revoke it. Part of the lazily loaded panel.
import { useEffect, useId, useState } from "react";
import type { GroupInviteDto } from "@/lib/chat/group-admin/dto";
import { callAction } from "@/lib/client/call-action";
import { fullTime } from "@/lib/client/format";
import { notify } from "@/lib/client/notify";
import type { GroupActions } from "./group-info-button";

const EXPIRY: { label: string; hours: number | null }[] = [
  { label: "1 hour", hours: 1 },
  { label: "1 day", hours: 24 },
  { label: "1 week", hours: 168 },
  { label: "Never", hours: null },
];
const USES: { label: string; uses: number | null }[] = [
  { label: "1 use", uses: 1 },
  { label: "5 uses", uses: 5 },
  { label: "25 uses", uses: 25 },
  { label: "No limit", uses: null },
];

const linkOf = (token: string) => `${window.location.origin}/chat/join/${token}`;

export function InviteLinks({ conversationId, actions }: { conversationId: string; actions: GroupActions }) {
  const ids = useId();
  const [invites, setInvites] = useState<GroupInviteDto[] | null>(null);
  const [expiry, setExpiry] = useState("24");
  const [uses, setUses] = useState("none");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    actions
      .listInvites(conversationId)
      .then((result) => {
        if (!cancelled && result.ok) setInvites(result.data);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [actions, conversationId]);

  const create = async () => {
    setBusy(true);
    const created = await callAction(() =>
      actions.createInvite(conversationId, {
        expiresInHours: expiry === "none" ? null : Number(expiry),
        maxUses: uses === "none" ? null : Number(uses),
      }),
    );
    setBusy(false);
    if (created) setInvites((held) => [created, ...(held ?? [])]);
  };

  const revoke = async (invite: GroupInviteDto) => {
    if (!(await callAction(() => actions.revokeInvite(conversationId, invite.id)))) return;
    setInvites((held) => (held ?? []).filter((i) => i.id !== invite.id));
  };

  return (
    <section aria-labelledby={`${ids}-heading`} className="flex flex-col gap-2">
      <h3 id={`${ids}-heading`} className="text-sm font-semibold">
        Invite links
      </h3>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs">
          Expires after
          <select
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            className="rounded-lg border border-neutral-300 bg-white px-2 py-1 text-sm dark:border-neutral-700 dark:bg-neutral-950"
          >
            {EXPIRY.map((option) => (
              <option key={option.label} value={option.hours === null ? "none" : String(option.hours)}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs">
          Uses
          <select
            value={uses}
            onChange={(e) => setUses(e.target.value)}
            className="rounded-lg border border-neutral-300 bg-white px-2 py-1 text-sm dark:border-neutral-700 dark:bg-neutral-950"
          >
            {USES.map((option) => (
              <option key={option.label} value={option.uses === null ? "none" : String(option.uses)}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() => void create()}
          className="rounded-lg bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60"
        >
          Create invite link
        </button>
      </div>
      {invites && invites.length > 0 ? (
        <ul aria-label="Invite links" className="flex flex-col gap-2">
          {invites.map((invite) => (
            <li key={invite.id} className="flex flex-col gap-1 rounded-lg border border-neutral-200 p-2 dark:border-neutral-800">
              <input
                readOnly
                aria-label="Invite link"
                value={linkOf(invite.token)}
                onFocus={(e) => e.currentTarget.select()}
                className="w-full rounded border border-neutral-200 bg-neutral-50 px-2 py-1 font-mono text-xs dark:border-neutral-700 dark:bg-neutral-950"
              />
              <span className="text-xs text-neutral-600 dark:text-neutral-400">
                {invite.uses} {invite.maxUses === null ? "uses" : `of ${invite.maxUses} uses`} ·{" "}
                {invite.expiresAt ? `expires ${fullTime(invite.expiresAt)}` : "never expires"}
              </span>
              <span className="flex gap-3">
                <button
                  type="button"
                  className="text-xs font-semibold text-sky-700 hover:underline dark:text-sky-400"
                  onClick={() =>
                    void navigator.clipboard
                      .writeText(linkOf(invite.token))
                      .then(() => notify.success("Link copied."))
                      .catch(() => notify.error("Could not copy: select the link and copy it."))
                  }
                >
                  Copy link
                </button>
                <button
                  type="button"
                  className="text-xs font-semibold text-red-700 hover:underline dark:text-red-400"
                  onClick={() => void revoke(invite)}
                >
                  Revoke link
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
