// Date formatting for the chat UI: compact relative times for the list, day separators and times
// for messages. Built on Intl (no date library in the browser bundle); English names, local time,
// the same output as the date-fns patterns noted on each function.

const weekdayShort = new Intl.DateTimeFormat("en-US", { weekday: "short" });
const weekdayLong = new Intl.DateTimeFormat("en-US", { weekday: "long" });
const monthShort = new Intl.DateTimeFormat("en-US", { month: "short" });
const monthLong = new Intl.DateTimeFormat("en-US", { month: "long" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "always" });

const pad2 = (n: number) => String(n).padStart(2, "0");
/** "3 Mar" this year, "3 Mar 2025" before: a day without its weekday (the group info panel). */
export function shortDay(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const dayMonth = `${date.getDate()} ${monthShort.format(date)}`;
  return date.getFullYear() === now.getFullYear() ? dayMonth : `${dayMonth} ${date.getFullYear()}`;
}

/** "3 Mar 2026" */
export function dayMonthYear(iso: string): string {
  const date = new Date(iso);
  return `${date.getDate()} ${monthShort.format(date)} ${date.getFullYear()}`;
}

/** "HH:mm" */
const clock = (date: Date) => `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
/** "EEEE, d MMMM yyyy" */
const longDay = (date: Date) => `${weekdayLong.format(date)}, ${date.getDate()} ${monthLong.format(date)} ${date.getFullYear()}`;

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
/** Calendar days from `earlier` to `later` in local time (DST-safe). */
const calendarDaysBetween = (later: Date, earlier: Date) =>
  Math.round((startOfDay(later).getTime() - startOfDay(earlier).getTime()) / 86_400_000);

/** "now", "5m", "14:05" (today), "Mon" (this week), "12 Nov" or "12 Nov 2025". */
export function listTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const minutes = (now.getTime() - date.getTime()) / 60_000;
  if (minutes < 1) return "now";
  if (minutes < 60) return `${Math.floor(minutes)}m`;
  const days = calendarDaysBetween(now, date);
  if (days === 0) return clock(date);
  if (days < 7) return weekdayShort.format(date);
  const dayMonth = `${date.getDate()} ${monthShort.format(date)}`;
  return date.getFullYear() === now.getFullYear() ? dayMonth : `${dayMonth} ${date.getFullYear()}`;
}

/** "Today", "Yesterday" or "Monday, 12 November 2025". */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = calendarDaysBetween(now, date);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  return longDay(date);
}

/** "14:05" */
export function messageTime(iso: string): string {
  return clock(new Date(iso));
}

/** "Monday, 12 November 2025 at 14:05" */
export function fullTime(iso: string): string {
  const date = new Date(iso);
  return `${longDay(date)} at ${clock(date)}`;
}

/**
 * "5 minutes ago", "in 2 hours", "3 days ago": the largest unit below the next one, rounded
 * (date-fns formatDistanceToNowStrict with addSuffix).
 */
export function relativeAgo(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const future = date.getTime() > now.getTime();
  const [later, earlier] = future ? [date, now] : [now, date];
  const milliseconds = later.getTime() - earlier.getTime();
  const minutes = milliseconds / 60_000;
  // Days and longer count wall-clock time, so a DST change in between does not make "1 day" "23 hours".
  const wallMinutes = minutes - (later.getTimezoneOffset() - earlier.getTimezoneOffset());
  const say = (value: number, unit: Intl.RelativeTimeFormatUnit) => relative.format(future ? value : -value, unit);
  if (minutes < 1) return say(Math.round(milliseconds / 1000), "second");
  if (minutes < 60) return say(Math.round(minutes), "minute");
  if (minutes < 1_440) return say(Math.round(minutes / 60), "hour");
  if (wallMinutes < 43_200) return say(Math.round(wallMinutes / 1_440), "day");
  if (wallMinutes < 525_600) {
    const months = Math.round(wallMinutes / 43_200);
    return months === 12 ? say(1, "year") : say(months, "month");
  }
  return say(Math.round(wallMinutes / 525_600), "year");
}

/** Header status of someone offline: "Active 5 minutes ago", "Active just now", or "Offline". */
export function lastActiveLabel(iso: string | null, now = new Date()): string {
  if (!iso) return "Offline";
  if (now.getTime() - new Date(iso).getTime() < 60_000) return "Active just now";
  return `Active ${relativeAgo(iso, now)}`;
}
