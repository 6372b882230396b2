"use client";
// The sidebar: who I am (settings, theme, sign out), search, Chats / People views and "New group".
import { Search, Settings } from "lucide-react";
import Link from "next/link";
import { lazy, Suspense, useEffect, useState } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { useChat, useChatStoreApi } from "@/lib/client/store";
import { useTheme } from "@/lib/client/theme";
import { useHydrated } from "@/lib/client/use-hydrated";
import { ConversationList } from "./conversation-list";
import { NewGroupDialog } from "./new-group-dialog";
import { StarredButton } from "./starred/starred-button";
import { UserAvatar } from "./user-avatar";

type View = "chats" | "people" | "calls";

// The People view is not needed to paint the chat list: loaded when the pointer or focus reaches its tab.
const loadPeopleSearch = () => import("./people-search");
const PeopleSearch = lazy(() => loadPeopleSearch().then((m) => ({ default: m.PeopleSearch })));
const preloadPeopleSearch = () => void loadPeopleSearch().catch(() => {});
// The Calls view (issue 18, my call log): loaded when its tab is opened.
const CallLog = lazy(() => import("@/components/calls/call-log"));
// Search (chats, messages, people) is not needed to paint the list either: loaded after hydration.
const loadGlobalSearch = () => import("./search/global-search");
const GlobalSearch = lazy(() => loadGlobalSearch().then((m) => ({ default: m.GlobalSearch })));

// The count of contact requests waiting for me, beside the People tab (issue 15): after hydration.
const RequestsBadge = lazy(() => import("./people/requests-badge"));

// The notification center's bell (issue 16): its module, store and first page after hydration.
const NotificationBell = lazy(() => import("@/components/notification-center/bell"));

/** The bell's place until it has loaded: its size only (no icon or label: nothing of it in the first load). */
const bellSpace = (
  <span aria-hidden className="icon-button">
    <span className="block size-5" />
  </span>
);

// Unread count in the title and favicon, sound, browser notifications and their prompt (issue 16): after hydration.
const Attention = lazy(() => import("@/components/notifications/attention"));
// My status (issue 15): the menu on my avatar and "away" when this device is idle, after hydration.
const AwayWatcher = lazy(() => import("@/components/status/away-watcher"));
const StatusMenu = lazy(() => import("@/components/status/status-menu"));

function SearchBoxPlaceholder() {
  return (
    <div className="relative px-4 pb-2">
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-7 size-4 -translate-y-1/2 text-neutral-500" />
      <input
        type="search"
        disabled
        aria-label="Search chats, messages and people"
        placeholder="Search"
        className="w-full rounded-full border border-neutral-300 bg-white py-2 pr-3 pl-9 text-sm dark:border-neutral-700 dark:bg-neutral-950"
      />
    </div>
  );
}

/** My avatar where the status menu's button goes, until that menu has loaded (same size). */
function MyAvatar() {
  const me = useChat((s) => s.me);
  return (
    <span className="icon-button">
      <UserAvatar user={me} size={36} />
    </span>
  );
}

/** The theme kept on my account (issue 15): applied here, and the toggle stores a new choice there. */
function AccountThemeToggle() {
  const store = useChatStoreApi();
  const accountTheme = useChat((s) => s.settings.theme);
  useEffect(() => {
    if (useTheme.getState().preference !== accountTheme) useTheme.getState().setPreference(accountTheme);
  }, [accountTheme]);
  return (
    <ThemeToggle onChange={(theme) => void import("@/lib/client/settings").then(({ saveSettings }) => saveSettings(store, { theme }))} />
  );
}

export function Sidebar() {
  const me = useChat((s) => s.me);
  const connection = useChat((s) => s.connection);
  const offline = connection === "unavailable" || connection === "failed" || connection === "disconnected";
  const [view, setView] = useState<View>("chats");
  const [searching, setSearching] = useState(false);
  const [searchReady, setSearchReady] = useState(false);
  const hydrated = useHydrated();
  // Not rendered on the server (its code stays out of the first load): fetched right after hydration.
  useEffect(() => {
    let live = true;
    loadGlobalSearch()
      .then(() => live && setSearchReady(true))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  const tab = (value: View, label: string) => (
    <button
      type="button"
      aria-pressed={view === value}
      onClick={() => setView(value)}
      onPointerEnter={value === "people" ? preloadPeopleSearch : undefined}
      onFocus={value === "people" ? preloadPeopleSearch : undefined}
      className={`flex-1 rounded-full px-3 py-1.5 text-sm font-semibold transition ${
        view === value ? "bg-sky-700 text-white" : "text-neutral-700 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800"
      }`}
    >
      {label}
    </button>
  );
  return (
    <aside aria-label="Conversations and people" className="flex h-full w-full flex-col bg-neutral-50 dark:bg-neutral-900">
      <header className="flex items-center gap-2 px-4 pt-4 pb-2">
        <h1 className="flex-1 text-2xl font-bold tracking-tight">Chats</h1>
        {hydrated ? (
          <Suspense fallback={bellSpace}>
            <NotificationBell onOpenPeople={() => setView("people")} />
          </Suspense>
        ) : (
          bellSpace
        )}
        <NewGroupDialog />
        <StarredButton />
        <AccountThemeToggle />
        <Link href="/settings" aria-label="Profile settings" title="Profile settings" className="icon-button">
          <Settings aria-hidden className="size-5" />
        </Link>
      </header>
      <div role="status" className="mx-4 empty:hidden">
        {offline ? (
          <p className="mb-2 rounded-lg bg-amber-100 px-3 py-1.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            {connection === "failed"
              ? "Live updates are not supported by this browser."
              : "You are offline — reconnecting… Messages will catch up."}
          </p>
        ) : null}
      </div>
      <div role="group" aria-label="Sidebar view" className="mx-4 mb-2 flex gap-1 rounded-full bg-neutral-200/70 p-1 dark:bg-neutral-800">
        {tab("chats", "Chats")}
        {tab("people", "People")}
        {hydrated ? (
          <Suspense fallback={null}>
            <RequestsBadge />
          </Suspense>
        ) : null}
        {tab("calls", "Calls")}
      </div>
      {view === "chats" ? (
        searchReady ? (
          <Suspense fallback={<SearchBoxPlaceholder />}>
            <GlobalSearch onActiveChange={setSearching} />
          </Suspense>
        ) : (
          <SearchBoxPlaceholder />
        )
      ) : null}
      <div className="min-h-0 flex-1 overflow-y-auto" hidden={view === "chats" && searching}>
        {view === "chats" ? (
          <ConversationList onFindPeople={() => setView("people")} />
        ) : (
          <Suspense fallback={<p className="px-4 text-sm text-neutral-600 dark:text-neutral-400">Loading…</p>}>
            {view === "people" ? <PeopleSearch onStarted={() => setView("chats")} /> : <CallLog meId={me.id} />}
          </Suspense>
        )}
      </div>
      {/* After the list, not above it: the notification prompt appears once hydrated and would push
          the rows down under a click that was on its way (CI: a chat row's click landed on the prompt). */}
      {hydrated ? (
        <Suspense fallback={null}>
          <Attention />
          <AwayWatcher />
        </Suspense>
      ) : null}
      <footer className="flex items-center gap-3 border-t border-neutral-200 px-4 py-3 dark:border-neutral-800">
        {hydrated ? (
          <Suspense fallback={<MyAvatar />}>
            <StatusMenu />
          </Suspense>
        ) : (
          <MyAvatar />
        )}
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold">{me.name ?? "You"}</p>
          <Link href="/settings" className="text-xs text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            Profile and settings
          </Link>
        </div>
        <SignOutButton className="!px-3 !py-1.5" />
      </footer>
    </aside>
  );
}
