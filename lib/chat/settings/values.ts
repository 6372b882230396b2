// My app settings (issue 15): the values, defaults and stored-row mapping, zod-free so the chat's
// first paint (composer, theme, attention) reads them without a schema library (schemas: ./dto.ts).

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export interface UserSettings {
  /** Light, dark, or following the device. */
  theme: Theme;
  /** Enter sends; off: Enter adds a line and Ctrl/Cmd+Enter sends. */
  enterToSend: boolean;
  /** A short sound for a new message in a chat that is not open. */
  sound: boolean;
  /** Message notifications at all (Web Push and browser notifications, every device). */
  notifications: boolean;
}

/** No stored row: what Parley did before settings were kept on the account. */
export const DEFAULT_SETTINGS: UserSettings = { theme: "system", enterToSend: true, sound: true, notifications: true };

export function toUserSettings(row: { theme: string; enterToSend: boolean; sound: boolean; notifications: boolean } | null): UserSettings {
  if (!row) return DEFAULT_SETTINGS;
  const theme = (THEMES as readonly string[]).includes(row.theme) ? (row.theme as Theme) : "system";
  return { theme, enterToSend: row.enterToSend, sound: row.sound, notifications: row.notifications };
}
