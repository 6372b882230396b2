-- CreateTable
CREATE TABLE "AssistantBot" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssistantBot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssistantSetting" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "conversationId" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssistantSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssistantReply" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "messageId" UUID,
    "status" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AssistantReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssistantBot_key_key" ON "AssistantBot"("key");

-- CreateIndex
CREATE UNIQUE INDEX "AssistantBot_userId_key" ON "AssistantBot"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AssistantSetting_userId_key" ON "AssistantSetting"("userId");

-- CreateIndex
CREATE INDEX "AssistantReply_userId_createdAt_idx" ON "AssistantReply"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "AssistantReply_conversationId_createdAt_idx" ON "AssistantReply"("conversationId", "createdAt");

-- AddForeignKey
ALTER TABLE "AssistantBot" ADD CONSTRAINT "AssistantBot_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistantSetting" ADD CONSTRAINT "AssistantSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistantReply" ADD CONSTRAINT "AssistantReply_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistantReply" ADD CONSTRAINT "AssistantReply_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
