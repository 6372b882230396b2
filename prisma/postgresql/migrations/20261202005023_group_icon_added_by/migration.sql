-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "iconKey" TEXT;

-- AlterTable
ALTER TABLE "ConversationMemberState" ADD COLUMN     "addedById" UUID;

-- CreateIndex
CREATE INDEX "ConversationMemberState_addedById_idx" ON "ConversationMemberState"("addedById");

-- AddForeignKey
ALTER TABLE "ConversationMemberState" ADD CONSTRAINT "ConversationMemberState_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
