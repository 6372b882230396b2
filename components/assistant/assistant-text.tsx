// The text of an assistant answer (the bot's messages, wherever they are, and the answer while it
// streams): rendered as markdown by ./markdown.tsx, a lazy chunk fetched the first time an
// assistant text is shown. Until it has loaded, or if rendering it fails, the text shows as it is
// (plain text, never HTML): a bad answer cannot take the conversation view down with it.
import { Component, lazy, Suspense, type ReactNode } from "react";

const AssistantMarkdown = lazy(() => import("./markdown"));

export function AssistantText({ text }: { text: string }) {
  const plain = <span className="whitespace-pre-wrap">{text}</span>;
  return (
    <PlainOnError fallback={plain}>
      <Suspense fallback={plain}>
        <AssistantMarkdown text={text} />
      </Suspense>
    </PlainOnError>
  );
}

class PlainOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
