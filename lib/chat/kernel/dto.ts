// Shapes every capability's DTOs and realtime payloads share: ids, timestamps and the safe user.
// zod/mini schemas are the one source of a DTO: its TypeScript type is inferred from the schema,
// and the realtime event carrying it validates with the same schema on both ends. Browser-safe.
import * as z from "zod/mini";

export const idSchema = z.string().check(z.minLength(1), z.maxLength(64));
export const isoDateSchema = z.iso.datetime({ offset: true });

/** The only user fields chat ever returns: never email, hashedPassword or tokens. */
export const safeUserSchema = z.object({ id: idSchema, name: z.nullable(z.string()), image: z.nullable(z.string()) });
export type SafeUser = z.infer<typeof safeUserSchema>;
