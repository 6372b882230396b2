// My app settings (issue 15, lib/chat/settings) on the real database and realtime server: the
// defaults without a row, a change stored on the account and told to my own devices only, bad input
// refused with the field's message and nothing stored.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { updateSettings } from "@/lib/chat/settings/operations";
import { getSettings } from "@/lib/chat/settings/reads";
import { DEFAULT_SETTINGS } from "@/lib/chat/settings/values";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { userChannel } from "@/lib/realtime/channels";
import { EVENTS, parseEvent } from "@/lib/realtime/events";
import { appRealtimeClients, eventData, subscribe } from "@/tests/support/app-realtime-clients";
import { makeUsers } from "@/tests/support/chat-fixtures";

const realtime = appRealtimeClients();
afterEach(() => realtime.disconnectAll());
afterAll(() => db.$disconnect());

describe("my settings", () => {
  it("are the defaults until changed; a change is stored on the account and reaches my other devices", async () => {
    const [alice, bob] = await makeUsers(2, "Settings");
    expect(await getSettings(alice!.id)).toEqual(DEFAULT_SETTINGS);

    const myOtherDevice = await subscribe(await realtime.connect(alice!.id), userChannel(alice!.id));
    const told = eventData(myOtherDevice, EVENTS.settingsChanged);
    const saved = await updateSettings(alice!.id, { theme: "dark", enterToSend: false });
    expect(saved).toEqual({ ...DEFAULT_SETTINGS, theme: "dark", enterToSend: false });
    expect(parseEvent(EVENTS.settingsChanged, await told)).toEqual(saved);
    // One change leaves the others as they are; someone else's settings are untouched.
    expect(await updateSettings(alice!.id, { sound: false })).toEqual({ ...saved, sound: false });
    expect(await getSettings(alice!.id)).toEqual({ theme: "dark", enterToSend: false, sound: false, notifications: true });
    expect(await getSettings(bob!.id)).toEqual(DEFAULT_SETTINGS);
    // The event goes to my own user channel only.
    const run = await updateSettings.run(alice!.id, { notifications: false });
    expect(run.events).toEqual([{ channels: userChannel(alice!.id), event: EVENTS.settingsChanged, payload: run.result }]);
  });

  it("refuses bad input with the field's message and stores nothing", async () => {
    const [alice] = await makeUsers(1, "SettingsBad");
    for (const input of [{ theme: "neon" }, { sound: "yes" }, { enterToSend: 1 }, { isAdmin: true }, { theme: "dark", extra: 1 }]) {
      const error = await updateSettings(alice!.id, input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bad_request");
    }
    const themeError = (await updateSettings(alice!.id, { theme: "neon" }).catch((e: unknown) => e)) as AppError;
    expect(JSON.stringify(themeError.fields)).toContain("must be system, light or dark");
    expect(await getSettings(alice!.id)).toEqual(DEFAULT_SETTINGS);
    expect(await db.userSettings.count({ where: { userId: alice!.id } })).toBe(0);
  });

  it("go with the account: deleting the user deletes them", async () => {
    const [alice] = await makeUsers(1, "SettingsCascade");
    await updateSettings(alice!.id, { theme: "light" });
    await db.user.delete({ where: { id: alice!.id } });
    expect(await db.userSettings.count({ where: { userId: alice!.id } })).toBe(0);
  });
});
