// Limits of the message actions, shown by the UI (browser-safe: no zod, no environment).
export const MESSAGE_ACTION_LIMITS = {
  /** Conversations one forward may target. */
  forwardTargetsMax: 10,
  /** Different emoji one user may put on one message. */
  reactionsPerUserMax: 20,
} as const;

/** The quick reactions offered beside a message (any other emoji through the picker). */
export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const;
