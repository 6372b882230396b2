"use client";
// The filters of message search: from a member, in a chat, a date range, and what a message has
// (lib/chat/search/limits.ts SEARCH_HAS). Native labelled controls, so the keyboard and screen
// readers work as everywhere else; the caller owns the state and turns it into API filters.
import { useId } from "react";
import { SEARCH_HAS, SEARCH_HAS_VALUES, type SearchHas } from "@/lib/chat/search/limits";
import type { MessageSearchFilters } from "@/lib/client/use-message-search";

export interface FilterValues {
  from: string;
  conversationId: string;
  /** Calendar days (yyyy-mm-dd), inclusive. */
  after: string;
  before: string;
  has: "" | SearchHas;
}

export const NO_FILTERS: FilterValues = { from: "", conversationId: "", after: "", before: "", has: "" };

export const activeFilterCount = (values: FilterValues): number => Object.values(values).filter(Boolean).length;

/** The API's filters: "after" from the start of that day, "before" up to its end (the browser's time zone). */
export function toSearchFilters(values: FilterValues): MessageSearchFilters {
  const day = (value: string, add: number) => {
    const date = new Date(`${value}T00:00:00`);
    if (Number.isNaN(date.getTime())) return undefined;
    date.setDate(date.getDate() + add);
    return date.toISOString();
  };
  return {
    from: values.from || undefined,
    conversationId: values.conversationId || undefined,
    after: values.after ? day(values.after, 0) : undefined,
    before: values.before ? day(values.before, 1) : undefined,
    has: values.has || undefined,
  };
}

interface Option {
  id: string;
  label: string;
}

export function SearchFilters({
  id,
  values,
  onChange,
  people,
  chats,
}: {
  id?: string;
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  /** Members to filter by (omit to hide the "From" filter). */
  people: Option[];
  /** Chats to filter by (omit to hide the "In chat" filter). */
  chats?: Option[];
}) {
  const base = useId();
  const set = (patch: Partial<FilterValues>) => onChange({ ...values, ...patch });
  const field = "flex flex-col gap-1 text-xs font-medium text-neutral-700 dark:text-neutral-300";
  const control =
    "rounded-lg border border-neutral-300 bg-white px-2 py-1.5 text-sm font-normal outline-none focus:ring-2 focus:ring-sky-500 dark:border-neutral-700 dark:bg-neutral-950";
  return (
    <fieldset id={id} className="mt-2 grid grid-cols-2 gap-2 rounded-xl border border-neutral-200 p-3 dark:border-neutral-800">
      <legend className="px-1 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Filter messages</legend>
      <div className={field}>
        <label htmlFor={`${base}-from`}>From</label>
        <select id={`${base}-from`} className={control} value={values.from} onChange={(e) => set({ from: e.target.value })}>
          <option value="">Anyone</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.label}
            </option>
          ))}
        </select>
      </div>
      {chats ? (
        <div className={field}>
          <label htmlFor={`${base}-in`}>In chat</label>
          <select
            id={`${base}-in`}
            className={control}
            value={values.conversationId}
            onChange={(e) => set({ conversationId: e.target.value })}
          >
            <option value="">Any chat</option>
            {chats.map((chat) => (
              <option key={chat.id} value={chat.id}>
                {chat.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className={field}>
        <label htmlFor={`${base}-after`}>From date</label>
        <input
          id={`${base}-after`}
          type="date"
          className={control}
          value={values.after}
          max={values.before || undefined}
          onChange={(e) => set({ after: e.target.value })}
        />
      </div>
      <div className={field}>
        <label htmlFor={`${base}-before`}>To date</label>
        <input
          id={`${base}-before`}
          type="date"
          className={control}
          value={values.before}
          min={values.after || undefined}
          onChange={(e) => set({ before: e.target.value })}
        />
      </div>
      <div className={field}>
        <label htmlFor={`${base}-has`}>Has</label>
        <select
          id={`${base}-has`}
          className={control}
          value={values.has}
          onChange={(e) => set({ has: e.target.value as FilterValues["has"] })}
        >
          <option value="">Anything</option>
          {SEARCH_HAS_VALUES.map((value) => (
            <option key={value} value={value}>
              {SEARCH_HAS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end">
        <button
          type="button"
          disabled={activeFilterCount(values) === 0}
          onClick={() => onChange(NO_FILTERS)}
          className="w-full rounded-lg px-2 py-1.5 text-sm font-semibold text-sky-700 hover:bg-sky-50 disabled:text-neutral-400 disabled:hover:bg-transparent dark:text-sky-400 dark:hover:bg-sky-950"
        >
          Clear filters
        </button>
      </div>
    </fieldset>
  );
}
