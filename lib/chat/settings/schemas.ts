// Input of a settings change (zod 4): any of the settings; nothing else is accepted.
import { z } from "zod";
import { THEMES } from "./values";

export const settingsInputSchema = z
  .object({
    theme: z.enum(THEMES, { error: "must be system, light or dark" }).optional(),
    enterToSend: z.boolean({ error: "must be true or false" }).optional(),
    sound: z.boolean({ error: "must be true or false" }).optional(),
    notifications: z.boolean({ error: "must be true or false" }).optional(),
  })
  .strict();
export type SettingsInput = z.input<typeof settingsInputSchema>;
