"use server";
// Server actions of contacts (issue 15): send, accept or decline, cancel a contact request, and
// remove a contact. The same domain functions any other client would call; each answers a result
// object (lib/http/action.ts) and counts against the message-action budget (spam of requests).
import {
  cancelContactRequest,
  removeContact,
  respondToContactRequest,
  sendContactRequest,
  type ContactRequestResult,
} from "@/lib/chat/contacts/operations";
import { runAction, type ActionResult } from "@/lib/http/action";
import { assertMessageActionAllowed } from "@/lib/rate-limit/send-limit";

/** Asks `userId` to be my contact (or accepts their open request to me). */
export async function sendContactRequestAction(userId: string): Promise<ActionResult<ContactRequestResult>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return sendContactRequest(actorId, { userId });
  });
}

/** Accepts (true) or declines (false) a contact request sent to me. */
export async function respondToContactRequestAction(requestId: string, accept: boolean): Promise<ActionResult<ContactRequestResult>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return respondToContactRequest(actorId, { requestId, accept });
  });
}

/** Cancels a contact request I sent. */
export async function cancelContactRequestAction(requestId: string): Promise<ActionResult<ContactRequestResult>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return cancelContactRequest(actorId, { requestId });
  });
}

/** Removes a contact (for both of us). */
export async function removeContactAction(userId: string): Promise<ActionResult<{ userId: string; removed: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return removeContact(actorId, { userId });
  });
}
