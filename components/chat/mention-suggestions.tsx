"use client";
// Mentions in the composer: typing "@" (and the start of a name) suggests the group's members in a
// listbox (arrow keys, Enter or Tab picks, Escape closes, a click picks); a picked member is
// written "@Name" while typing and sent as the token <@userId> (lib/chat/mentions/tokens), so the
// message shows their current name even after a rename.
import { Sparkles } from "lucide-react";
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { mentionToken } from "@/lib/chat/mentions/tokens";
import { UserAvatar } from "./user-avatar";

export interface Mentionable {
  id: string;
  name: string | null;
  image: string | null;
  /** Written as is instead of a member token (`@ai`, the assistant of this chat), with a hint beside it. */
  literal?: { text: string; hint: string };
}

/** `@ai` as a suggestion, where the chat's members turned the assistant on (issue 19). */
export const ASK_AI_MENTION: Mentionable = { id: "@ai", name: "ai", image: null, literal: { text: "@ai", hint: "Ask Parley AI" } };

const MAX_SUGGESTIONS = 6;
/** "@" at the start or after a space, then the part of a name typed so far (up to the caret). */
const QUERY = /(^|\s)@([^\s@<>]{0,30})$/u;

const displayName = (user: Mentionable) => user.name ?? "Parley user";

export function useMentions(members: readonly Mentionable[] | undefined) {
  const [query, setQuery] = useState<{ text: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const picked = useRef(new Map<string, string>());
  const listId = useId();

  const suggestions = useMemo(() => {
    if (!query || !members) return [];
    const q = query.text.toLocaleLowerCase();
    return members
      .filter((user) => {
        const name = displayName(user).toLocaleLowerCase();
        return q === "" || name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q));
      })
      .slice(0, MAX_SUGGESTIONS);
  }, [members, query]);
  const open = suggestions.length > 0;

  /** Call on every change and caret move: finds the "@…" being typed before the caret. */
  const track = useCallback(
    (text: string, caret: number) => {
      if (!members || members.length === 0) return setQuery(null);
      const match = QUERY.exec(text.slice(0, caret));
      if (!match) return setQuery(null);
      setQuery({ text: match[2]!, start: caret - match[2]!.length - 1 });
      setActive(0);
    },
    [members],
  );

  /** Replaces the "@…" being typed by "@Name "; returns the new text and caret. */
  const pick = (text: string, caret: number, user: Mentionable): { text: string; caret: number } => {
    const start = query?.start ?? caret;
    const inserted = `${user.literal?.text ?? `@${displayName(user)}`} `;
    if (!user.literal) picked.current.set(displayName(user), user.id);
    setQuery(null);
    return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
  };

  /** The body to send: every picked "@Name" still in the text becomes the member's token. */
  const toBody = (text: string): string => {
    let body = text;
    const names = [...picked.current.keys()].sort((a, b) => b.length - a.length);
    for (const name of names) body = body.split(`@${name}`).join(mentionToken(picked.current.get(name)!));
    picked.current.clear();
    return body;
  };

  /** Keyboard handling while the list is open; true when the key was used. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>, choose: (user: Mentionable) => void): boolean => {
    if (!open) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + suggestions.length) % suggestions.length);
      return true;
    }
    if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(suggestions[Math.min(active, suggestions.length - 1)]!);
      return true;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      setQuery(null);
      return true;
    }
    return false;
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  /** Attributes for the textarea (it stays a textbox; the list is its autocomplete popup). */
  const inputProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(Math.min(active, suggestions.length - 1)) : undefined,
  };

  return { open, suggestions, active, listId, optionId, track, pick, toBody, onKeyDown, inputProps, close: () => setQuery(null) };
}

export function MentionSuggestions({
  suggestions,
  active,
  listId,
  optionId,
  onChoose,
}: {
  suggestions: Mentionable[];
  active: number;
  listId: string;
  optionId: (index: number) => string;
  onChoose: (user: Mentionable) => void;
}) {
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label="Mention suggestions"
      className="mb-2 max-h-56 overflow-y-auto rounded-xl border border-neutral-200 bg-white py-1 shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      {suggestions.map((user, index) => (
        <li
          key={user.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          // mousedown, not click: the textarea keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(user);
          }}
          className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${
            index === active ? "bg-sky-100 text-sky-950 dark:bg-sky-900 dark:text-sky-50" : ""
          }`}
        >
          {user.literal ? (
            <span aria-hidden className="inline-flex size-6 items-center justify-center rounded-full bg-violet-600 text-white">
              <Sparkles className="size-3.5" />
            </span>
          ) : (
            <UserAvatar user={user} size={24} />
          )}
          <span>{displayName(user)}</span>
          {user.literal ? <span className="text-xs text-neutral-500">{user.literal.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}
