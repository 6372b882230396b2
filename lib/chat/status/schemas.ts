// Input of my status (issue 15): the status I choose, and the automatic "away" an idle device reports.
import { z } from "zod";
import { CHOSEN_STATUSES } from "./dto";

export const setStatusSchema = z.object({
  status: z.enum(CHOSEN_STATUSES, { error: "must be online, busy or invisible" }),
});
export type SetStatusInput = z.input<typeof setStatusSchema>;

export const setAwaySchema = z.object({ away: z.boolean({ error: "must be true or false" }) });
export type SetAwayInput = z.input<typeof setAwaySchema>;
