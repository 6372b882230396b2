// My app settings as the browser sees them (zod/mini, browser-safe): the event payload and the
// Settings form use the same shape. Values and defaults: ./values.ts.
import * as z from "zod/mini";
import { THEMES } from "./values";

export * from "./values";

export const userSettingsSchema = z.object({
  theme: z.enum(THEMES),
  enterToSend: z.boolean(),
  sound: z.boolean(),
  notifications: z.boolean(),
});
