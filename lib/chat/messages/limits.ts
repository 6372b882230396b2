// Limits of the messages capability, shown by the UI (kept apart from the zod schemas so a client
// component importing a number does not import zod).
export const MESSAGE_LIMITS = {
  messageBodyMax: 2000,
  imageUrlMax: 2048,
  messagesPage: 50,
} as const;
