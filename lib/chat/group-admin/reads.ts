// Reads of group admin (issue 15): the group gate of every admin operation and the info panel.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireMembership, shownUserSelect, toSafeUser, type Db, type Membership } from "@/lib/chat/kernel/access";
import { toRole } from "@/lib/chat/conversations/dto";
import { storage, type Storage } from "@/lib/storage/storage";
import { toGroupSettings, type GroupInfo, type GroupSettings } from "./dto";

export interface GroupAccess {
  membership: Membership;
  isAdmin: boolean;
  settings: GroupSettings;
  createdById: string | null;
}

/** The membership gate (404 for non-members) plus: it is a group (400 otherwise), my role, its settings. */
export async function requireGroup(actorId: string, conversationId: string, client: Db = db): Promise<GroupAccess> {
  const membership = await requireMembership(actorId, conversationId, client);
  if (!membership.conversation.isGroup) throw new AppError("bad_request", "This is not a group.");
  const row = await client.conversation.findUnique({
    where: { id: conversationId },
    select: { adminsOnlyInfo: true, adminsOnlySend: true, membersCanAdd: true, createdById: true },
  });
  return {
    membership,
    isAdmin: membership.role === "admin",
    settings: toGroupSettings(row ?? {}),
    createdById: row?.createdById ?? null,
  };
}

/** Whether I may rename the group and change its description. */
export const canEditInfo = (access: GroupAccess): boolean => access.isAdmin || !access.settings.adminsOnlyInfo;
/** Whether I may add people to the group. */
export const canAddMembers = (access: GroupAccess): boolean => access.isAdmin || access.settings.membersCanAdd;

/** The URL a group icon's storage key is served at (null: no icon). */
export function groupIconUrl(key: string | null | undefined, files: Storage = storage()): string | null {
  return key ? files.url(key) : null;
}

/** The group info panel: name, description, creator, settings, members with roles and joined dates. */
export async function groupInfo(actorId: string, conversationId: string): Promise<GroupInfo> {
  const access = await requireGroup(actorId, conversationId);
  const row = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      name: true,
      description: true,
      iconKey: true,
      createdAt: true,
      createdBy: { select: shownUserSelect },
      users: { select: shownUserSelect },
      memberStates: { select: { userId: true, role: true, createdAt: true, addedBy: { select: shownUserSelect } } },
    },
  });
  if (!row) throw new AppError("not_found", "Conversation not found.");
  const states = new Map(row.memberStates.map((state) => [state.userId, state]));
  const members = row.users
    .map((user) => {
      const state = states.get(user.id);
      return {
        ...toSafeUser(user),
        role: toRole(state?.role),
        joinedAt: (state?.createdAt ?? row.createdAt).toISOString(),
        creator: user.id === access.createdById,
        addedBy: state?.addedBy ? toSafeUser(state.addedBy) : null,
      };
    })
    .sort((a, b) => Number(b.role === "admin") - Number(a.role === "admin") || (a.name ?? "").localeCompare(b.name ?? ""));
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? null,
    icon: groupIconUrl(row.iconKey),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy ? toSafeUser(row.createdBy) : null,
    settings: access.settings,
    members,
    myRole: toRole(access.membership.role),
    canEditInfo: canEditInfo(access),
    canAddMembers: canAddMembers(access),
  };
}
