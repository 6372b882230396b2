// Input of "mark as unread" / "mark as read".
import { z } from "zod";

export const setUnreadMarkSchema = z.object({ unread: z.boolean({ error: "must be true or false" }) });
export type SetUnreadMarkInput = z.input<typeof setUnreadMarkSchema>;
