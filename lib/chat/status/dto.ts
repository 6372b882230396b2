// My status as the API and realtime events carry it (issue 15). Browser-safe; the values, labels
// and rules are zod-free in ./shown.ts (re-exported here for the server).
import * as z from "zod/mini";
import { CHOSEN_STATUSES, type MyStatus } from "./shown";

export * from "./shown";

export const myStatusSchema = z.object({ status: z.enum(CHOSEN_STATUSES), away: z.boolean() }) satisfies z.ZodMiniType<MyStatus>;
