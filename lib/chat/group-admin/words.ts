// The words of a group's system messages (issue 15): "Ana added Ben", "You removed Ben". Pure and
// without zod, so the chat list (first-load JavaScript) can word a preview without the schemas.
import type { SystemEvent } from "./dto";

export const GROUP_SETTINGS = ["adminsOnlyInfo", "adminsOnlySend", "membersCanAdd"] as const;
export type GroupSettingName = (typeof GROUP_SETTINGS)[number];

export const SYSTEM_KINDS = [
  "added",
  "joined",
  "accepted",
  "left",
  "removed",
  "promoted",
  "demoted",
  "renamed",
  "description",
  "settings",
  "icon",
] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

const SETTING_WORDS: Record<GroupSettingName, { on: string; off: string }> = {
  adminsOnlySend: { on: "allowed only admins to send messages", off: "allowed all members to send messages" },
  adminsOnlyInfo: { on: "allowed only admins to edit the group info", off: "allowed all members to edit the group info" },
  membersCanAdd: { on: "allowed all members to add people", off: "allowed only admins to add people" },
};

/**
 * The words of a system message, for the timeline and the list preview: "Ana added Ben", "You
 * removed Ben", "Ana made you an admin". `actor` is the message's sender (who did it).
 */
export function systemText(system: SystemEvent, actor: { id: string; name: string | null } | null, meId: string): string {
  const subject = !actor ? "Someone" : actor.id === meId ? "You" : (actor.name ?? "Parley user");
  const object = !system.target ? "someone" : system.target.id === meId ? "you" : (system.target.name ?? "Parley user");
  switch (system.kind) {
    case "added":
      return `${subject} added ${object}`;
    case "joined":
      return `${!system.target ? subject : system.target.id === meId ? "You" : (system.target.name ?? "Parley user")} joined using an invite link`;
    case "accepted":
      // Joined by accepting an invitation (lib/chat/group-invitations): "Ben joined".
      return `${!system.target ? subject : system.target.id === meId ? "You" : (system.target.name ?? "Parley user")} joined`;
    case "left": {
      // The leaver is the target too: the list knows them no more, the notice still names them.
      const leaver = system.target ?? actor;
      return `${!leaver ? "Someone" : leaver.id === meId ? "You" : (leaver.name ?? "Parley user")} left`;
    }
    case "removed":
      return `${subject} removed ${object}`;
    case "promoted":
      return `${subject} made ${object} an admin`;
    case "demoted":
      return `${subject} dismissed ${object} as admin`;
    case "renamed":
      return `${subject} renamed the group to “${system.name ?? ""}”`;
    case "description":
      return system.description ? `${subject} changed the group description` : `${subject} removed the group description`;
    case "icon":
      // on: a new icon; off: removed.
      return system.on === false ? `${subject} removed the group icon` : `${subject} changed the group icon`;
    case "settings": {
      const words = system.setting ? SETTING_WORDS[system.setting] : null;
      return words ? `${subject} ${system.on ? words.on : words.off}` : `${subject} changed the group settings`;
    }
  }
}
