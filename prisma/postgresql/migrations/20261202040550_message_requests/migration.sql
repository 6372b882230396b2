-- AlterTable
ALTER TABLE "ConversationMemberState" ADD COLUMN     "messageRequest" TEXT;
