// Loading placeholders (hidden from assistive technology; the busy region says "Loading").
export function ConversationListSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading conversations" className="flex flex-col gap-1 p-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden className="flex items-center gap-3 rounded-xl p-2">
          <div className="skeleton size-12 shrink-0 rounded-full" />
          <div className="flex flex-1 flex-col gap-2">
            <div className="skeleton h-3.5 w-2/5" />
            <div className="skeleton h-3 w-4/5" />
          </div>
        </div>
      ))}
    </div>
  );
}

export function ConversationSkeleton() {
  const bubbles = [
    { mine: false, w: "w-48" },
    { mine: false, w: "w-64" },
    { mine: true, w: "w-40" },
    { mine: false, w: "w-56" },
    { mine: true, w: "w-72" },
    { mine: true, w: "w-32" },
  ];
  return (
    <div role="status" aria-label="Loading conversation" className="flex h-full flex-col">
      <div aria-hidden className="flex h-16 items-center gap-3 border-b border-neutral-200 px-4 dark:border-neutral-800">
        <div className="skeleton size-10 rounded-full" />
        <div className="flex flex-col gap-2">
          <div className="skeleton h-3.5 w-36" />
          <div className="skeleton h-3 w-20" />
        </div>
      </div>
      <div aria-hidden className="flex flex-1 flex-col justify-end gap-3 p-4">
        {bubbles.map((b, i) => (
          <div key={i} className={`skeleton h-9 rounded-2xl ${b.w} ${b.mine ? "self-end" : "self-start"}`} />
        ))}
      </div>
      <div aria-hidden className="border-t border-neutral-200 p-3 dark:border-neutral-800">
        <div className="skeleton h-11 rounded-full" />
      </div>
    </div>
  );
}
