// Inputs of pin / mute / archive (zod 4).
import { z } from "zod";
import { MUTE_CHOICES } from "./limits";

export const setPinnedSchema = z.object({ pinned: z.boolean({ error: "must be true or false" }) });
export type SetPinnedInput = z.input<typeof setPinnedSchema>;

export const setMutedSchema = z.object({
  mute: z.enum([...MUTE_CHOICES, "off"], { error: 'must be "8h", "1w", "always" or "off"' }),
});
export type SetMutedInput = z.input<typeof setMutedSchema>;

export const setArchivedSchema = z.object({ archived: z.boolean({ error: "must be true or false" }) });
export type SetArchivedInput = z.input<typeof setArchivedSchema>;
