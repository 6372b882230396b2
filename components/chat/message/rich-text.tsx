// A message body's nodes (lib/chat/messages/rich-text) as React elements: text is a text node,
// never HTML; links open in a new tab without the opener or a referrer and carry nofollow;
// mentions show the member's current name and stand out when they name me.
import { createContext, Fragment, useContext, type ReactNode } from "react";
import type { RichNode } from "@/lib/chat/messages/rich-text";

export interface MentionDirectory {
  meId: string;
  /** The current name of a member, or null when they are not (any more) in the conversation. */
  nameOf(userId: string): string | null;
}

export const MentionContext = createContext<MentionDirectory | null>(null);

export function RichText({ nodes, mine }: { nodes: RichNode[]; mine: boolean }) {
  return nodes.map((node, index) => <Fragment key={index}>{renderNode(node, mine)}</Fragment>);
}

function renderNode(node: RichNode, mine: boolean): ReactNode {
  switch (node.type) {
    case "text":
      return node.text;
    case "link":
      return (
        <a
          href={node.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className={`underline underline-offset-2 ${mine ? "text-white" : "text-sky-700 dark:text-sky-300"}`}
        >
          {node.text}
        </a>
      );
    case "bold":
      return (
        <strong className="font-semibold">
          <RichText nodes={node.children} mine={mine} />
        </strong>
      );
    case "italic":
      return (
        <em>
          <RichText nodes={node.children} mine={mine} />
        </em>
      );
    case "code":
      return <code className="rounded bg-black/10 px-1 font-mono text-[0.85em] dark:bg-white/10">{node.text}</code>;
    case "codeBlock":
      return (
        <pre className="my-1 overflow-x-auto rounded-lg bg-black/10 p-2 font-mono text-[0.85em] whitespace-pre dark:bg-white/10">
          <code>{node.text}</code>
        </pre>
      );
    case "mention":
      return <Mention userId={node.userId} mine={mine} />;
  }
}

function Mention({ userId, mine }: { userId: string; mine: boolean }) {
  const directory = useContext(MentionContext);
  const name = directory?.nameOf(userId) ?? "unknown";
  const isMe = directory?.meId === userId;
  return (
    <span
      data-mention={userId}
      className={`rounded px-0.5 font-semibold ${
        isMe
          ? "bg-amber-200 text-amber-950 dark:bg-amber-400/30 dark:text-amber-100"
          : mine
            ? "text-white underline"
            : "text-sky-700 dark:text-sky-300"
      }`}
    >
      @{name}
      {isMe ? <span className="sr-only"> (mentions you)</span> : null}
    </span>
  );
}
