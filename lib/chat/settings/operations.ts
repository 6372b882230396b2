// Changing my app settings (issue 15): stored on the account (UserSettings), so a theme or the
// enter-to-send choice made on one device holds on all of them; my other tabs and devices follow
// at once through user:settings on my user channel.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isValidId } from "@/lib/chat/kernel/access";
import { command, outcome } from "@/lib/chat/kernel/events";
import { parseInput } from "@/lib/chat/kernel/input";
import { userChannel } from "@/lib/realtime/channels";
import { SETTINGS_EVENTS } from "./events";
import { settingsSelect } from "./reads";
import { settingsInputSchema, type SettingsInput } from "./schemas";
import { DEFAULT_SETTINGS, toUserSettings } from "./values";

export const updateSettings = command(async (actorId: string, input: SettingsInput | Record<string, unknown>) => {
  const change = parseInput(settingsInputSchema, input);
  if (!isValidId(actorId)) throw new AppError("unauthorized", "Please sign in to continue.");
  const settings = toUserSettings(
    await db.userSettings.upsert({
      where: { userId: actorId },
      create: { userId: actorId, ...DEFAULT_SETTINGS, ...change },
      update: change,
      select: settingsSelect,
    }),
  );
  return outcome(settings, [{ channels: userChannel(actorId), event: SETTINGS_EVENTS.settingsChanged, payload: settings }]);
});
