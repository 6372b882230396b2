// A message's text: links, formatting and mentions (./rich-text), never HTML. The assistant's
// messages are markdown (components/assistant/assistant-text.tsx, a lazy chunk).
import { useMemo } from "react";
import { AssistantText } from "@/components/assistant/assistant-text";
import { parseRichText } from "@/lib/chat/messages/rich-text";
import { fullTime } from "@/lib/client/format";
import { RichText } from "./rich-text";
import type { PartProps } from "./types";

export function TextPart({ part, message, mine }: PartProps<"text">) {
  const failed = message.status === "failed";
  const markdown = message.fromAssistant === true;
  const nodes = useMemo(() => (markdown ? [] : parseRichText(part.text)), [markdown, part.text]);
  return (
    <div
      className={`rounded-2xl px-3.5 py-2 text-[0.95rem] leading-snug break-words whitespace-pre-wrap ${
        mine ? "bg-sky-700 text-white" : "bg-neutral-100 text-neutral-900 dark:bg-neutral-800 dark:text-neutral-100"
      } ${failed ? "ring-2 ring-red-500" : ""}`}
      title={fullTime(message.createdAt)}
    >
      {markdown ? <AssistantText text={part.text} /> : <RichText nodes={nodes} mine={mine} />}
      {message.truncated ? <span className="ml-1 text-xs opacity-75">(loading…)</span> : null}
    </div>
  );
}
