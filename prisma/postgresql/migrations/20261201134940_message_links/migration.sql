-- CreateTable
CREATE TABLE "MessageLink" (
    "id" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageLink_conversationId_sentAt_id_idx" ON "MessageLink"("conversationId", "sentAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "MessageLink_messageId_position_key" ON "MessageLink"("messageId", "position");

-- AddForeignKey
ALTER TABLE "MessageLink" ADD CONSTRAINT "MessageLink_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageLink" ADD CONSTRAINT "MessageLink_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
