-- UserSecurity, UserActivity, ConversationMemberState and DirectConversation become real relations
-- of User / Conversation with ON DELETE CASCADE. Until now they had no foreign keys, so an existing
-- database may hold rows of users or conversations deleted since: remove those first, or adding the
-- constraints fails. The tables are locked first (the runner applies this file in one transaction)
-- so that no such row can be written, and no user or conversation deleted, between the clean-up and
-- the constraints.
LOCK TABLE "User", "Conversation", "UserSecurity", "UserActivity", "ConversationMemberState", "DirectConversation"
  IN SHARE ROW EXCLUSIVE MODE;

-- DeleteOrphans
DELETE FROM "UserSecurity" s WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = s."userId");
DELETE FROM "UserActivity" a WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = a."userId");
DELETE FROM "ConversationMemberState" m
  WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = m."userId")
     OR NOT EXISTS (SELECT 1 FROM "Conversation" c WHERE c."id" = m."conversationId");
DELETE FROM "DirectConversation" d WHERE NOT EXISTS (SELECT 1 FROM "Conversation" c WHERE c."id" = d."conversationId");

-- AddForeignKey
ALTER TABLE "UserSecurity" ADD CONSTRAINT "UserSecurity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserActivity" ADD CONSTRAINT "UserActivity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMemberState" ADD CONSTRAINT "ConversationMemberState_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMemberState" ADD CONSTRAINT "ConversationMemberState_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectConversation" ADD CONSTRAINT "DirectConversation_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
