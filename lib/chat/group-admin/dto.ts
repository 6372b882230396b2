// What group admin (issue 15) adds to what the API says: a group's settings, its info panel, and
// system messages ("Ana added Ben") with the one function that words them. Browser-safe (zod/mini).
import * as z from "zod/mini";
import { idSchema, isoDateSchema, safeUserSchema, type SafeUser } from "@/lib/chat/kernel/dto";
import { GROUP_SETTINGS, SYSTEM_KINDS } from "./words";

/** A group's settings (null in the database = the default, false). */
export const groupSettingsSchema = z.object({
  /** Only admins can change the name and description ("edit group info"). */
  adminsOnlyInfo: z.boolean(),
  /** Only admins can send messages. */
  adminsOnlySend: z.boolean(),
  /** Any member (not only admins) can add people. */
  membersCanAdd: z.boolean(),
});
export type GroupSettings = z.infer<typeof groupSettingsSchema>;
export type GroupSetting = keyof GroupSettings;
export { GROUP_SETTINGS, SYSTEM_KINDS, systemText, type SystemKind } from "./words";

/** What a system message stores in Message.systemEvent (the target is Message.systemTarget). */
export const storedSystemEventSchema = z.object({
  kind: z.enum(SYSTEM_KINDS),
  /** renamed: the new name. */
  name: z.optional(z.string()),
  /** description: the new description (null: removed). */
  description: z.optional(z.nullable(z.string())),
  /** settings: which setting, and its new value; icon: true changed, false removed. */
  setting: z.optional(z.enum(GROUP_SETTINGS)),
  on: z.optional(z.boolean()),
});
export type StoredSystemEvent = z.infer<typeof storedSystemEventSchema>;

/** A system message in a MessageDto / preview: the stored event plus the member it happened to. */
export const systemEventSchema = z.extend(storedSystemEventSchema, { target: z.optional(z.nullable(safeUserSchema)) });
export type SystemEvent = z.infer<typeof systemEventSchema>;

/** The stored JSON and target as the DTO's `system` (null: not a system message, or unreadable). */
export function toSystemEvent(stored: unknown, target: SafeUser | null | undefined): SystemEvent | null {
  if (stored === null || stored === undefined) return null;
  const parsed = storedSystemEventSchema.safeParse(stored);
  if (!parsed.success) return null;
  return { ...parsed.data, ...(target ? { target } : {}) };
}

/** A member as the group info panel shows them. */
export const groupMemberSchema = z.extend(safeUserSchema, {
  role: z.enum(["admin", "member"]),
  /** When they joined (their member state was written). */
  joinedAt: isoDateSchema,
  /** The group's creator. */
  creator: z.boolean(),
  /** Who added them (null: the creator, joined by an invite link, or added before this was recorded). */
  addedBy: z.nullable(safeUserSchema),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

/** The group info panel (GET through groupInfoAction). */
export const groupInfoSchema = z.object({
  id: idSchema,
  name: z.nullable(z.string()),
  description: z.nullable(z.string()),
  /** The group icon's URL (members only), or null: the initials avatar. */
  icon: z.nullable(z.string()),
  createdAt: isoDateSchema,
  /** Null for groups created before the creator was recorded (or whose creator's row is gone). */
  createdBy: z.nullable(safeUserSchema),
  settings: groupSettingsSchema,
  /** Admins first, then by name. */
  members: z.array(groupMemberSchema),
  myRole: z.enum(["admin", "member"]),
  /** What I may do here (the same rules the operations enforce). */
  canEditInfo: z.boolean(),
  canAddMembers: z.boolean(),
});
export type GroupInfo = z.infer<typeof groupInfoSchema>;

/** A conversation row's settings columns (null = default) as GroupSettings. */
export function toGroupSettings(row: {
  adminsOnlyInfo?: boolean | null;
  adminsOnlySend?: boolean | null;
  membersCanAdd?: boolean | null;
}): GroupSettings {
  return {
    adminsOnlyInfo: row.adminsOnlyInfo === true,
    adminsOnlySend: row.adminsOnlySend === true,
    membersCanAdd: row.membersCanAdd === true,
  };
}

/** An invite link of a group, as its admins see it (the token is the link's secret: admins only). */
export const groupInviteSchema = z.object({
  id: idSchema,
  token: z.string(),
  expiresAt: z.nullable(isoDateSchema),
  maxUses: z.nullable(z.number()),
  uses: z.number(),
  createdAt: isoDateSchema,
});
export type GroupInviteDto = z.infer<typeof groupInviteSchema>;

/** What an invite link shows before joining: never the member list. */
export const invitePreviewSchema = z.object({
  token: z.string(),
  name: z.nullable(z.string()),
  description: z.nullable(z.string()),
  memberCount: z.number(),
  /** The group icon through this link (GET /api/invites/{token}/icon), or null. */
  icon: z.nullable(z.string()),
  /** Set when I am already a member (the page opens the chat instead). */
  conversationId: z.optional(idSchema),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;
