"use client";
// My status from my avatar in the sidebar (issue 15): Online, Busy (do not disturb), Invisible;
// "Away" shows by itself while my devices are idle. Loaded after hydration (the sidebar shows my
// avatar until then); the choosing code loads when the menu opens.
import { Menu } from "@/components/ui/menu";
import { UserAvatar } from "@/components/chat/user-avatar";
import { shownStatus, STATUS_LABELS, type ChosenStatus } from "@/lib/chat/status/shown";
import { useChat, useChatStoreApi } from "@/lib/client/store";

const CHOICES: ChosenStatus[] = ["online", "busy", "invisible"];
const loadStatusOps = () => import("@/lib/client/status");
const preloadOnOpen = (open: boolean) => {
  if (open) void loadStatusOps();
};

export default function StatusMenu() {
  const store = useChatStoreApi();
  const me = useChat((s) => s.me);
  const mine = useChat((s) => s.myStatus);
  const current = mine.status === "online" && mine.away ? "away" : mine.status;
  return (
    <Menu
      label={`Status: ${STATUS_LABELS[current]}`}
      icon={<UserAvatar user={me} size={36} online={shownStatus(mine)} />}
      className="shrink-0"
      placement="above-start"
      onOpenChange={preloadOnOpen}
      items={CHOICES.map((choice) => ({
        label: `${choice === mine.status ? "✓ " : ""}${STATUS_LABELS[choice]}`,
        onSelect: () => void loadStatusOps().then((ops) => ops.chooseStatus(store, choice)),
      }))}
    />
  );
}
