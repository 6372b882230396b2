// Input of answering a group invitation (zod 4).
import { z } from "zod";

export const respondInvitationSchema = z.object({ accept: z.boolean({ error: "must be true or false" }) });
export type RespondInvitationInput = z.input<typeof respondInvitationSchema>;
