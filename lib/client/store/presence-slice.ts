// Presence slice: who is online (presence channel members per conversation), who is typing, the
// status members show (away, busy: kept on each conversation's member) and my own status (issue 15).
import type { ConversationSummary, Member } from "@/lib/chat/conversations/dto";
import type { MyStatus, ShownStatus } from "@/lib/chat/status/shown";
import type { ChatSlice } from "./types";

export interface PresenceSlice {
  /** conversationId → user ids present on its presence channel. */
  presence: Record<string, string[]>;
  /** conversationId → user ids typing. */
  typing: Record<string, string[]>;
  setPresence(conversationId: string, userIds: string[]): void;
  addPresence(conversationId: string, userId: string): void;
  removePresence(conversationId: string, userId: string): void;
  setTyping(conversationId: string, userIds: string[]): void;
  /** Rewrites one member in every conversation they are in (`update` returning the member unchanged changes nothing). */
  patchMember(userId: string, update: (member: Member) => Member): void;
  /** My status: chosen (online / busy / invisible) and whether my devices are idle (away). */
  myStatus: MyStatus;
  setMyStatus(status: MyStatus): void;
}

/** `conversations` with `userId`'s member entry rewritten by `update` wherever it changed (the same object if nowhere). */
function withMemberPatched(
  conversations: Record<string, ConversationSummary>,
  userId: string,
  update: (member: Member) => Member,
): Record<string, ConversationSummary> {
  let next: Record<string, ConversationSummary> | null = null;
  for (const [id, conversation] of Object.entries(conversations)) {
    const at = conversation.members.findIndex((m) => m.id === userId);
    if (at < 0) continue;
    const member = update(conversation.members[at]!);
    if (member === conversation.members[at]) continue;
    next ??= { ...conversations };
    next[id] = { ...conversation, members: conversation.members.map((m, i) => (i === at ? member : m)) };
  }
  return next ?? conversations;
}

export const createPresenceSlice: ChatSlice<PresenceSlice> = (init) => (set) => ({
  presence: {},
  typing: {},
  myStatus: init.myStatus ?? { status: "online", away: false },

  setMyStatus(myStatus) {
    set((state) => (state.myStatus.status === myStatus.status && state.myStatus.away === myStatus.away ? {} : { myStatus }));
  },

  setPresence(conversationId, userIds) {
    set((state) => ({ presence: { ...state.presence, [conversationId]: [...new Set(userIds)] } }));
  },
  addPresence(conversationId, userId) {
    set((state) => {
      const held = state.presence[conversationId] ?? [];
      return held.includes(userId) ? {} : { presence: { ...state.presence, [conversationId]: [...held, userId] } };
    });
  },
  removePresence(conversationId, userId) {
    set((state) => {
      // They were active until this moment: "Active just now" instead of an older server value.
      const now = new Date().toISOString();
      return {
        conversations: withMemberPatched(state.conversations, userId, (m) => ({ ...m, lastActiveAt: now })),
        presence: { ...state.presence, [conversationId]: (state.presence[conversationId] ?? []).filter((id) => id !== userId) },
      };
    });
  },
  patchMember(userId, update) {
    set((state) => {
      const conversations = withMemberPatched(state.conversations, userId, update);
      return conversations === state.conversations ? {} : { conversations };
    });
  },
  setTyping(conversationId, userIds) {
    set((state) => {
      const held = state.typing[conversationId] ?? [];
      if (held.length === userIds.length && held.every((id, i) => id === userIds[i])) return {};
      return { typing: { ...state.typing, [conversationId]: userIds } };
    });
  },
});

/** Whether `userId` is on the presence channel of any conversation I hold. */
export function isOnline(presence: Record<string, string[]>, userId: string): boolean {
  return Object.values(presence).some((ids) => ids.includes(userId));
}

/** What a member shows me: online, away or busy while on a presence channel I am on, else null (offline). */
export function presenceStatusOf(presence: Record<string, string[]>, member: Pick<Member, "id" | "status">): ShownStatus | null {
  return isOnline(presence, member.id) ? (member.status ?? "online") : null;
}
