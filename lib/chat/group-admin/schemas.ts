// Inputs of group admin (zod 4), parsed by the domain functions themselves.
import { z } from "zod";
import { NO_NUL, noNul, recordIdSchema } from "@/lib/chat/kernel/input";
import { CONVERSATION_LIMITS } from "@/lib/chat/conversations/limits";
import { GROUP_ADMIN_LIMITS } from "./limits";

export const addMembersSchema = z.object({
  userIds: z
    .array(recordIdSchema, { error: "must be a list of user ids" })
    .min(1, { message: "must list at least one person" })
    .max(GROUP_ADMIN_LIMITS.addAtOnceMax, { message: `may list at most ${GROUP_ADMIN_LIMITS.addAtOnceMax} people` }),
});
export type AddMembersInput = z.input<typeof addMembersSchema>;

export const memberTargetSchema = z.object({ userId: recordIdSchema });
export type MemberTargetInput = z.input<typeof memberTargetSchema>;

export const setRoleSchema = z.object({
  userId: recordIdSchema,
  role: z.enum(["admin", "member"], { error: 'must be "admin" or "member"' }),
});
export type SetRoleInput = z.input<typeof setRoleSchema>;

export const groupInfoInputSchema = z
  .object({
    name: z
      .string({ error: "must be text" })
      .trim()
      .min(1, { message: "is required" })
      .max(CONVERSATION_LIMITS.groupNameMax, { message: `must be at most ${CONVERSATION_LIMITS.groupNameMax} characters` })
      .refine(noNul, NO_NUL)
      .optional(),
    /** An empty description removes it. */
    description: z
      .string({ error: "must be text" })
      .trim()
      .max(GROUP_ADMIN_LIMITS.descriptionMax, { message: `must be at most ${GROUP_ADMIN_LIMITS.descriptionMax} characters` })
      .refine(noNul, NO_NUL)
      .optional(),
  })
  .refine((value) => value.name !== undefined || value.description !== undefined, { message: "Nothing to change." });
export type GroupInfoInput = z.input<typeof groupInfoInputSchema>;

export const groupSettingsInputSchema = z
  .object({
    adminsOnlyInfo: z.boolean({ error: "must be true or false" }).optional(),
    adminsOnlySend: z.boolean({ error: "must be true or false" }).optional(),
    membersCanAdd: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), { message: "Nothing to change." });
export type GroupSettingsInput = z.input<typeof groupSettingsInputSchema>;

/** Expiry choices of an invite link, in hours (absent: never). */
export const INVITE_EXPIRY_HOURS = [1, 24, 168] as const;

export const createInviteSchema = z.object({
  expiresInHours: z
    .number({ error: "must be a number of hours" })
    .refine((h) => (INVITE_EXPIRY_HOURS as readonly number[]).includes(h), { message: "must be 1, 24 or 168 hours" })
    .nullish(),
  maxUses: z
    .number({ error: "must be a number" })
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be at least 1" })
    .max(GROUP_ADMIN_LIMITS.inviteUsesMax, { message: `must be at most ${GROUP_ADMIN_LIMITS.inviteUsesMax}` })
    .nullish(),
});
export type CreateInviteInput = z.input<typeof createInviteSchema>;

export const inviteTokenSchema = z.object({
  token: z
    .string({ error: "is required" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, { message: "is not an invite link" }),
});

/**
 * A new group icon (the uploaded file's bytes; its type, size and pixels are checked by the avatar
 * pipeline, lib/users/avatar.ts) or its removal: exactly one of the two.
 */
export const groupIconInputSchema = z
  .object({
    icon: z.instanceof(Uint8Array, { message: "must be an image file" }).optional(),
    remove: z.literal(true, { error: "must be true" }).optional(),
  })
  .refine((value) => (value.icon !== undefined) !== (value.remove !== undefined), { message: "Upload an icon or remove it." });
export type GroupIconInput = z.input<typeof groupIconInputSchema>;
