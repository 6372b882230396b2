// Realtime event of my settings (issue 15), on my own private-user-<id> channel: every tab and device
// of mine applies a change at once (theme, enter-to-send, sound, notifications). Browser-safe.
import { userSettingsSchema } from "./dto";

export const SETTINGS_EVENTS = {
  settingsChanged: "user:settings",
} as const;

export const settingsEventSchemas = {
  [SETTINGS_EVENTS.settingsChanged]: userSettingsSchema,
} as const;
