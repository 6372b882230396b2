// Limits of group admin (issue 15), shown by the UI (no zod here: client components import them).
export const GROUP_ADMIN_LIMITS = {
  descriptionMax: 500,
  /** People added in one request (the group's own size limit is CONVERSATION_LIMITS.groupMembersMax). */
  addAtOnceMax: 20,
  /** The most uses an invite link may allow. */
  inviteUsesMax: 100,
} as const;

/** The 403 of a send by a plain member of a group where only admins send (the composer shows it). */
export const ADMINS_ONLY_SEND_MESSAGE = "Only admins can send messages in this group.";
