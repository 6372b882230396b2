// Date formatting for the chat UI (date-fns): compact relative times for the list, day separators
// and times for messages.
import { differenceInCalendarDays, format, formatDistanceToNowStrict, isSameDay, isToday, isYesterday } from "date-fns";

/** "now", "5m", "14:05" (today), "Mon" (this week), "12 Nov" or "12 Nov 2025". */
export function listTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const minutes = (now.getTime() - date.getTime()) / 60_000;
  if (minutes < 1) return "now";
  if (minutes < 60) return `${Math.floor(minutes)}m`;
  if (isSameDay(date, now)) return format(date, "HH:mm");
  const days = differenceInCalendarDays(now, date);
  if (days < 7) return format(date, "EEE");
  return date.getFullYear() === now.getFullYear() ? format(date, "d MMM") : format(date, "d MMM yyyy");
}

export function dayLabel(iso: string): string {
  const date = new Date(iso);
  if (isToday(date)) return "Today";
  if (isYesterday(date)) return "Yesterday";
  return format(date, "EEEE, d MMMM yyyy");
}

export function messageTime(iso: string): string {
  return format(new Date(iso), "HH:mm");
}

export function fullTime(iso: string): string {
  return format(new Date(iso), "EEEE, d MMMM yyyy 'at' HH:mm");
}

export function relativeAgo(iso: string): string {
  return formatDistanceToNowStrict(new Date(iso), { addSuffix: true });
}

/** Header status of someone offline: "Active 5 minutes ago", "Active just now", or "Offline". */
export function lastActiveLabel(iso: string | null, now = new Date()): string {
  if (!iso) return "Offline";
  if (now.getTime() - new Date(iso).getTime() < 60_000) return "Active just now";
  return `Active ${formatDistanceToNowStrict(new Date(iso), { addSuffix: true })}`;
}
