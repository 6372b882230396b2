"use client";
// "Group info" in a group's header (issue 15): the button, and the side sheet (./group-info-panel)
// loaded on demand. The server actions are imported here and handed in (why:
// components/chat/new-group-dialog).
import { Info } from "lucide-react";
import { lazy } from "react";
import { removeConversationAction } from "@/app/(chat)/actions";
import {
  addGroupMembersAction,
  createGroupInviteAction,
  deleteGroupAction,
  groupInfoAction,
  listGroupInvitesAction,
  removeGroupMemberAction,
  revokeGroupInviteAction,
  setGroupIconAction,
  setGroupRoleAction,
  updateGroupInfoAction,
  updateGroupSettingsAction,
} from "@/app/(chat)/group-actions";
import { LazyDialogTrigger } from "@/components/ui/lazy-dialog-trigger";

const loadPanel = () => import("./group-info-panel");
const GroupInfoPanel = lazy(loadPanel);

const actions = {
  groupInfo: groupInfoAction,
  addMembers: addGroupMembersAction,
  removeMember: removeGroupMemberAction,
  setRole: setGroupRoleAction,
  updateInfo: updateGroupInfoAction,
  setIcon: setGroupIconAction,
  updateSettings: updateGroupSettingsAction,
  deleteGroup: deleteGroupAction,
  leave: removeConversationAction,
  createInvite: createGroupInviteAction,
  listInvites: listGroupInvitesAction,
  revokeInvite: revokeGroupInviteAction,
};
export type GroupActions = typeof actions;

export function GroupInfoButton({ conversationId }: { conversationId: string }) {
  return (
    <LazyDialogTrigger
      label="Group info"
      icon={<Info aria-hidden className="size-5" />}
      preload={loadPanel}
      renderDialog={(state) => <GroupInfoPanel conversationId={conversationId} actions={actions} {...state} />}
    />
  );
}
