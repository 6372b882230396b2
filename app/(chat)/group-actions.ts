"use server";
// Server actions of group admin (issue 15, lib/chat/group-admin): the group info panel's reads and
// changes. Thin: session, budget, the domain call (which checks membership and role). Each change
// counts against the message-action budget, like the chat list's actions.
import type { GroupInfo, GroupInviteDto, GroupSettings } from "@/lib/chat/group-admin/dto";
import { createInvite, joinByInvite, listInvites, revokeInvite } from "@/lib/chat/group-admin/invites";
import {
  addMembers,
  deleteGroup,
  removeMember,
  setMemberRole,
  updateGroupInfo,
  updateGroupSettings,
} from "@/lib/chat/group-admin/operations";
import { groupInfo } from "@/lib/chat/group-admin/reads";
import { setGroupIcon } from "@/lib/chat/group-admin/icon";
import { AppError } from "@/lib/errors";
import { MAX_IMAGE_BYTES } from "@/lib/storage/images";
import type { CreateInviteInput, GroupInfoInput, GroupSettingsInput } from "@/lib/chat/group-admin/schemas";
import { respondToGroupInvitation } from "@/lib/chat/group-invitations/operations";
import type { InvitedPerson } from "@/lib/chat/group-invitations/dto";
import { runAction, type ActionResult } from "@/lib/http/action";
import { assertMessageActionAllowed } from "@/lib/rate-limit/send-limit";

/** The group info panel: name, description, creator, settings, members with roles and joined dates. */
export async function groupInfoAction(conversationId: string): Promise<ActionResult<GroupInfo>> {
  return runAction((actorId) => groupInfo(actorId, conversationId));
}

/** Add people to a group (admins; any member when the group allows it). */
export async function addGroupMembersAction(
  conversationId: string,
  userIds: string[],
): Promise<ActionResult<{ memberIds: string[]; invited?: InvitedPerson[] }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return addMembers(actorId, conversationId, { userIds });
  });
}

/** Remove a member (admins only). */
export async function removeGroupMemberAction(conversationId: string, userId: string): Promise<ActionResult<{ memberIds: string[] }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return removeMember(actorId, conversationId, { userId });
  });
}

/** Make a member an admin ("admin") or dismiss an admin ("member"); admins only. */
export async function setGroupRoleAction(
  conversationId: string,
  userId: string,
  role: "admin" | "member",
): Promise<ActionResult<{ userId: string; role: "admin" | "member" }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return setMemberRole(actorId, conversationId, { userId, role });
  });
}

/** Rename the group and/or change its description. */
export async function updateGroupInfoAction(
  conversationId: string,
  input: GroupInfoInput,
): Promise<ActionResult<{ name: string | null; description: string | null }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return updateGroupInfo(actorId, conversationId, input);
  });
}

/**
 * Set the group icon (form field `icon`: an image file, re-encoded to a 256×256 WebP) or remove it
 * (`remove=true`): whoever may edit the group info. Counts as an upload (the upload budget) too.
 */
export async function setGroupIconAction(conversationId: string, form: FormData): Promise<ActionResult<{ icon: string | null }>> {
  return runAction(async (actorId) => {
    if (!(form instanceof FormData)) throw new AppError("bad_request", "Send the icon as a form.");
    await assertMessageActionAllowed(actorId);
    const file = form.get("icon");
    if (file instanceof File && file.size > MAX_IMAGE_BYTES) {
      throw new AppError("payload_too_large", "Images can be at most 5 MB.", { icon: ["Images can be at most 5 MB."] });
    }
    const input =
      form.get("remove") === "true"
        ? { remove: true as const }
        : { icon: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined };
    return setGroupIcon(actorId, conversationId, input);
  });
}

/** Change the group's settings (admins only). */
export async function updateGroupSettingsAction(conversationId: string, input: GroupSettingsInput): Promise<ActionResult<GroupSettings>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return updateGroupSettings(actorId, conversationId, input);
  });
}

/** Delete the group for everyone (admins only). */
export async function deleteGroupAction(conversationId: string): Promise<ActionResult<{ deleted: true }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return deleteGroup(actorId, conversationId);
  });
}

// ---- Invite links (issue 15). ----

/** Create an invite link of the group (admins only): an expiry in hours (1, 24, 168) or none, a number of uses or none. */
export async function createGroupInviteAction(conversationId: string, input: CreateInviteInput): Promise<ActionResult<GroupInviteDto>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return createInvite(actorId, conversationId, input);
  });
}

/** The group's invite links that were not revoked (admins only). */
export async function listGroupInvitesAction(conversationId: string): Promise<ActionResult<GroupInviteDto[]>> {
  return runAction((actorId) => listInvites(actorId, conversationId));
}

/** Revoke one of the group's invite links (admins only). */
export async function revokeGroupInviteAction(
  conversationId: string,
  inviteId: string,
): Promise<ActionResult<{ id: string; revoked: true }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return revokeInvite(actorId, conversationId, inviteId);
  });
}

/** Join the group of an invite link (its page's Join button). */
export async function joinGroupByInviteAction(token: string): Promise<ActionResult<{ conversationId: string; joined: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return joinByInvite(actorId, token);
  });
}

/** Accepts (true: I join the group) or declines (false) an invitation to a group sent to me (issue 15). */
export async function respondToGroupInvitationAction(
  invitationId: string,
  accept: boolean,
): Promise<ActionResult<{ invitationId: string; status: "accepted" | "declined"; conversationId: string; joined: boolean }>> {
  return runAction(async (actorId) => {
    await assertMessageActionAllowed(actorId);
    return respondToGroupInvitation(actorId, invitationId, { accept });
  });
}
