// GET /api/contacts → ContactsOverview {contacts, incoming, outgoing} (issue 15): my contacts,
// alphabetical, and my pending contact requests (received, sent), each with the other person.
import { contactsOverview } from "@/lib/chat/contacts/reads";
import { apiRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, user) => json(await contactsOverview(user.id)));
