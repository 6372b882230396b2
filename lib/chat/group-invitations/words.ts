// The adder's notice when adds became invitations (issue 15). Pure and zod-free (the group dialogs use it).
import type { InvitedPerson } from "./dto";

export function invitationNotice(invited: readonly InvitedPerson[]): string | null {
  if (invited.length === 0) return null;
  const names = invited.map((person) => person.name ?? "Parley user");
  if (names.length === 1) return `${names[0]} only accepts group adds from contacts: an invitation was sent.`;
  const list = `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${list} only accept group adds from contacts: invitations were sent.`;
}
