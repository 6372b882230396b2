// A search snippet: plain-text segments from the server, matched ones in <mark>. React renders
// them as text nodes, so a message body can never become markup here.
import type { SnippetSegment } from "@/lib/chat/search/dto";

export function SnippetText({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-700/70">
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
