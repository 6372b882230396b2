// What notifications say (issue 16): a device in Settings and the push payload the service worker
// reads. zod/mini, browser-safe.
import * as z from "zod/mini";
import { idSchema, isoDateSchema } from "@/lib/chat/kernel/dto";

export const pushDeviceSchema = z.object({
  id: idSchema,
  deviceName: z.string(),
  previews: z.boolean(),
  createdAt: isoDateSchema,
  lastPushAt: z.nullable(isoDateSchema),
  /** This browser's own subscription (the request named its endpoint). */
  current: z.boolean(),
});
export type PushDevice = z.infer<typeof pushDeviceSchema>;

/** The encrypted payload of one push (public/sw.js shows it): small, no e-mail, no ids but the chat's and message's. */
export const pushPayloadSchema = z.object({
  v: z.literal(1),
  conversationId: idSchema,
  messageId: idSchema,
  /** Sender (1:1) or "Sender in Group". */
  title: z.string(),
  /** The preview, or "New message" when this device's previews are off. */
  body: z.string(),
  /** One notification per chat: a new push replaces the previous one of the same chat. */
  tag: z.string(),
  url: z.string(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;
