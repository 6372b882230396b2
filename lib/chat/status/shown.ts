// My status and what others see of it (issue 15): the values, labels and rules, zod-free so the
// sidebar's status menu adds no schema library to /chat's first load (the schemas: ./dto.ts).

/** What I choose from the avatar menu: online (away comes by itself when idle), busy, invisible. */
export const CHOSEN_STATUSES = ["online", "busy", "invisible"] as const;
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];

/** What people allowed to see my presence see while I am connected (invisible: nothing, I look offline). */
export const SHOWN_STATUSES = ["online", "away", "busy"] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

export interface MyStatus {
  status: ChosenStatus;
  away: boolean;
}

export const STATUS_LABELS: Record<ChosenStatus | "away", string> = {
  online: "Online",
  away: "Away",
  busy: "Busy — do not disturb",
  invisible: "Invisible",
};

/** The stored row (UserActivity.status / awaySince) as my status; no row yet: online. */
export function toMyStatus(row: { status: string | null; awaySince: Date | null } | null): MyStatus {
  const status = row?.status === "busy" || row?.status === "invisible" ? row.status : "online";
  return { status, away: row?.awaySince != null };
}

/** What others see; null when I am invisible. Busy wins over away (it says more). */
export function shownStatus(mine: MyStatus): ShownStatus | null {
  if (mine.status === "invisible") return null;
  if (mine.status === "busy") return "busy";
  return mine.away ? "away" : "online";
}

/** A member's status in a conversation summary: said only when away or busy (absent: online, or not shown). */
export function memberStatus(row: { status: string | null; awaySince: Date | null } | null): { status?: ShownStatus } {
  const shown = row ? shownStatus(toMyStatus(row)) : null;
  return shown === "away" || shown === "busy" ? { status: shown } : {};
}

/** How a 1:1's header says the other person's status. */
export const SHOWN_STATUS_TEXT: Record<ShownStatus, string> = { online: "Active now", away: "Away", busy: "Busy" };
