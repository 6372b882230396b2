import { describe, expect, it } from "vitest";
import { dayLabel, fullTime, lastActiveLabel, listTime, messageTime, relativeAgo } from "./format";

// Dates built from local fields, so the expectations hold in any time zone.
const local = (...fields: [number, number, number, number?, number?]) => new Date(...(fields as [number, number, number, number, number]));

describe("lastActiveLabel", () => {
  const now = new Date("2026-11-22T12:00:00.000Z");
  it("says when someone offline was last active", () => {
    expect(lastActiveLabel(null, now)).toBe("Offline");
    expect(lastActiveLabel("2026-11-22T11:59:30.000Z", now)).toBe("Active just now");
    expect(lastActiveLabel(new Date(Date.now() - 5 * 60_000).toISOString())).toBe("Active 5 minutes ago");
  });
});

describe("listTime", () => {
  const now = local(2026, 10, 22, 18, 30); // Sunday 22 November 2026, 18:30
  it("is compact: now, minutes, time today, weekday this week, then the date", () => {
    expect(listTime(local(2026, 10, 22, 18, 30).toISOString(), now)).toBe("now");
    expect(listTime(local(2026, 10, 22, 18, 25).toISOString(), now)).toBe("5m");
    expect(listTime(local(2026, 10, 22, 9, 5).toISOString(), now)).toBe("09:05");
    expect(listTime(local(2026, 10, 16, 23, 0).toISOString(), now)).toBe("Mon");
    expect(listTime(local(2026, 8, 3, 12, 0).toISOString(), now)).toBe("3 Sep");
    expect(listTime(local(2025, 10, 12, 12, 0).toISOString(), now)).toBe("12 Nov 2025");
  });
});

describe("message times", () => {
  it("formats days and times in English, 24-hour clock", () => {
    expect(messageTime(local(2025, 10, 12, 14, 5).toISOString())).toBe("14:05");
    expect(fullTime(local(2025, 10, 12, 14, 5).toISOString())).toBe("Wednesday, 12 November 2025 at 14:05");
    expect(dayLabel(local(2025, 10, 12, 14, 5).toISOString(), local(2026, 0, 1))).toBe("Wednesday, 12 November 2025");
    expect(dayLabel(local(2026, 0, 1, 0, 1).toISOString(), local(2026, 0, 1, 23, 0))).toBe("Today");
    expect(dayLabel(local(2025, 11, 31, 23, 59).toISOString(), local(2026, 0, 1, 0, 1))).toBe("Yesterday");
  });

  it("says how long ago, rounded to the largest unit", () => {
    const now = new Date("2026-06-15T12:00:00.000Z");
    const ago = (ms: number) => relativeAgo(new Date(now.getTime() - ms).toISOString(), now);
    expect(ago(20_000)).toBe("20 seconds ago");
    expect(ago(90 * 60_000)).toBe("2 hours ago");
    expect(ago(3 * 86_400_000)).toBe("3 days ago");
    expect(ago(80 * 86_400_000)).toBe("3 months ago");
    expect(ago(360 * 86_400_000)).toBe("1 year ago");
    expect(ago(-5 * 60_000)).toBe("in 5 minutes");
  });
});
