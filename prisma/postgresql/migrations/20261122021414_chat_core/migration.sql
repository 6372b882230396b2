-- CreateTable
CREATE TABLE "ConversationMemberState" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "historyFrom" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationMemberState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectConversation" (
    "id" UUID NOT NULL,
    "pairKey" TEXT NOT NULL,
    "conversationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectConversation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConversationMemberState_userId_hidden_idx" ON "ConversationMemberState"("userId", "hidden");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationMemberState_conversationId_userId_key" ON "ConversationMemberState"("conversationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectConversation_pairKey_key" ON "DirectConversation"("pairKey");

-- CreateIndex
CREATE UNIQUE INDEX "DirectConversation_conversationId_key" ON "DirectConversation"("conversationId");
