-- AlterTable
ALTER TABLE "ConversationMemberState" ADD COLUMN     "markedUnread" BOOLEAN NOT NULL DEFAULT false;
