// Limits of conversations and groups, shown by the UI (no zod here: client components import them).
export const CONVERSATION_LIMITS = {
  groupNameMax: 80,
  /** Members of a group, creator included (keeps presence channels and event payloads small). */
  groupMembersMax: 50,
  groupOtherMembersMin: 2,
  conversationsPage: 30,
  conversationsPageMax: 50,
} as const;
