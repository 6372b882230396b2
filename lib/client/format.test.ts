import { describe, expect, it } from "vitest";
import { lastActiveLabel } from "./format";

describe("lastActiveLabel", () => {
  const now = new Date("2026-11-22T12:00:00.000Z");
  it("says when someone offline was last active", () => {
    expect(lastActiveLabel(null, now)).toBe("Offline");
    expect(lastActiveLabel("2026-11-22T11:59:30.000Z", now)).toBe("Active just now");
    expect(lastActiveLabel(new Date(Date.now() - 5 * 60_000).toISOString())).toBe("Active 5 minutes ago");
  });
});
