"use client";
// The assistant's answers as markdown (issue 19): paragraphs, emphasis, inline code, fenced code
// blocks (language label, horizontal scroll, Copy), lists, links, headings, blockquotes and GFM
// tables, through react-markdown + remark-gfm. Loaded lazily (./assistant-text.tsx) only when an
// assistant message or a streaming answer is shown, so the chat's first load does not carry it.
//
// Safe by construction (docs/SECURITY.md, tests/security/assistant-markdown.test.ts): React
// elements only, never innerHTML; raw HTML in the text is shown as literal text (react-markdown
// without rehype-raw turns it into text nodes); every element outside ALLOWED_ELEMENTS is unwrapped to its
// text; links keep only http/https/mailto targets (anything else, e.g. javascript: or data:,
// renders as plain text) and open in a new tab without opener, referrer or follow; images are never
// loaded (a model can be talked into leaking chat content through an image URL): their alt text shows.
import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { ALLOWED_ELEMENTS, codeLanguage, safeLinkHref, textOfHast, tooDeepForMarkdown } from "@/lib/chat/assistant/markdown-safety";

// A heading inside a message sits below the page's and the conversation's headings.
const headingClass = "mt-2 mb-1 font-semibold first:mt-0";

const COMPONENTS: Components = {
  p: ({ children }) => <p className="my-1.5 first:mt-0 last:mb-0">{children}</p>,
  a: ({ href, children }) => {
    const safe = safeLinkHref(href);
    if (!safe) return <span>{children}</span>;
    return (
      <a
        href={safe}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-sky-700 underline underline-offset-2 dark:text-sky-300"
      >
        {children}
      </a>
    );
  },
  img: ({ alt }) => (alt ? <span>{alt}</span> : null),
  h1: ({ children }) => <h3 className={`${headingClass} text-lg`}>{children}</h3>,
  h2: ({ children }) => <h4 className={`${headingClass} text-base`}>{children}</h4>,
  h3: ({ children }) => <h5 className={headingClass}>{children}</h5>,
  h4: ({ children }) => <h6 className={headingClass}>{children}</h6>,
  h5: ({ children }) => <h6 className={headingClass}>{children}</h6>,
  h6: ({ children }) => <h6 className={headingClass}>{children}</h6>,
  ul: ({ children }) => <ul className="my-1.5 list-disc space-y-0.5 pl-5">{children}</ul>,
  ol: ({ children, start }) => (
    <ol start={start} className="my-1.5 list-decimal space-y-0.5 pl-5">
      {children}
    </ol>
  ),
  blockquote: ({ children }) => (
    <blockquote className="my-1.5 border-l-4 border-neutral-300 pl-3 text-neutral-700 dark:border-neutral-600 dark:text-neutral-300">
      {children}
    </blockquote>
  ),
  hr: () => <hr className="my-2 border-neutral-300 dark:border-neutral-600" />,
  table: ({ children }) => (
    <div className="my-1.5 grid grid-cols-[minmax(0,1fr)]">
      <div tabIndex={0} className="overflow-x-auto">
        <table className="border-collapse text-sm">{children}</table>
      </div>
    </div>
  ),
  th: ({ children }) => <th className="border border-neutral-300 px-2 py-1 text-left font-semibold dark:border-neutral-600">{children}</th>,
  td: ({ children }) => <td className="border border-neutral-300 px-2 py-1 dark:border-neutral-600">{children}</td>,
  code: ({ children }) => <code className="rounded bg-black/10 px-1 font-mono text-[0.85em] dark:bg-white/10">{children}</code>,
  // A fenced or indented block: its text and language come from the syntax tree, not from children.
  pre: ({ node }) => {
    const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
    const className = code?.type === "element" ? code.properties.className : undefined;
    return <CodeBlock code={textOfHast(code)} language={codeLanguage(className)} />;
  },
};

export default function AssistantMarkdown({ text }: { text: string }) {
  if (tooDeepForMarkdown(text)) return <p className="whitespace-pre-wrap">{text}</p>;
  return (
    <div className="min-w-0 whitespace-normal">
      <Markdown remarkPlugins={[remarkGfm]} components={COMPONENTS} allowedElements={ALLOWED_ELEMENTS} unwrapDisallowed>
        {text}
      </Markdown>
    </div>
  );
}

function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code.replace(/\n$/, ""));
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 2000);
  };
  return (
    // A one-column grid of minmax(0, 1fr): a long line scrolls inside the block instead of widening the bubble.
    <div className="my-1.5 grid grid-cols-[minmax(0,1fr)] overflow-hidden rounded-lg border border-black/10 bg-neutral-50 dark:border-white/10 dark:bg-neutral-900">
      <div className="flex items-center justify-between gap-2 border-b border-black/10 px-2 py-1 text-xs text-neutral-600 dark:border-white/10 dark:text-neutral-400">
        <span className="font-mono">{language ?? "code"}</span>
        <button
          type="button"
          onClick={() => void copy()}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-semibold hover:bg-black/5 focus-visible:outline-2 dark:hover:bg-white/10"
        >
          {copied === "yes" ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
          {copied === "yes" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy code"}
        </button>
      </div>
      {/* Focusable so a keyboard user can scroll a wide block sideways. */}
      <pre tabIndex={0} className="overflow-x-auto p-2 font-mono text-[0.85em] leading-normal whitespace-pre">
        <code>{code}</code>
      </pre>
    </div>
  );
}
