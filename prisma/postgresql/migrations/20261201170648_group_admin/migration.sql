-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "adminsOnlyInfo" BOOLEAN,
ADD COLUMN     "adminsOnlySend" BOOLEAN,
ADD COLUMN     "createdById" UUID,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "membersCanAdd" BOOLEAN;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "systemEvent" JSONB,
ADD COLUMN     "systemTargetId" UUID;

-- CreateIndex
CREATE INDEX "Conversation_createdById_idx" ON "Conversation"("createdById");

-- CreateIndex
CREATE INDEX "Message_systemTargetId_idx" ON "Message"("systemTargetId");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_systemTargetId_fkey" FOREIGN KEY ("systemTargetId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
