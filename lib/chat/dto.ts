// TEMPORARY (merge shim, removed before commit of the client reshape).
export type { SafeUser } from "./kernel/dto";
export type { MessageDto, MessagePreview, MessagePage } from "./messages/dto";
export type { ConversationSummary, ConversationPage, Member, MemberRole } from "./conversations/dto";
