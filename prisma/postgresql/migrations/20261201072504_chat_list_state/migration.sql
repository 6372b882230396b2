-- AlterTable
ALTER TABLE "ConversationMemberState" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "mutedUntil" TIMESTAMP(3),
ADD COLUMN     "pinSlot" INTEGER,
ADD COLUMN     "pinnedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ConversationMemberState_userId_archivedAt_idx" ON "ConversationMemberState"("userId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMemberState_userId_pinSlot_key" ON "ConversationMemberState"("userId", "pinSlot");
