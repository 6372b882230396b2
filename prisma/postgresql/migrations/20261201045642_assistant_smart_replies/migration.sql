-- AlterTable
ALTER TABLE "AssistantSetting" ADD COLUMN     "smartReplies" BOOLEAN NOT NULL DEFAULT false;
