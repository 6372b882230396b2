// Who may subscribe to which channel (the domain behind /api/realtime/auth), and the user
// authentication of pusher-js signin (/api/realtime/user-auth). Signatures are made locally with
// the app secret by the `pusher` library; nothing here talks to the realtime server.
//   private-user-<id>                 only that user
//   private-conversation-<id>         only members of the conversation
//   presence-conversation-<id>        only members whom every other member may see online (blocks,
//                                     privacy), never while they are invisible (lib/chat/status); the
//                                     presence identity is the session user with safe fields read
//                                     from the database (never client input)
// Refusals are 403 with one message for every case, so a refusal does not reveal whether a
// conversation exists.
// Every authorization names its user: presence in channel_data as Pusher defines it, private
// channels with channel_data {"user_id"} too, which the signature then covers
// (`socket_id:channel:channel_data`, the pusher libraries' own format, accepted by hosted Pusher).
// The embedded server refuses an authorization on a socket not signed in as that user
// (docs/SECURITY.md, "Realtime"), so a signed authorization is worth nothing on anyone else's
// connection and ending a user's connections ends every subscription made for them.
import "server-only";
import { z } from "zod";
import { isBlockedInDirect } from "@/lib/chat/blocks/operations";
import { requireMembership, safeUserSelect, toSafeUser } from "@/lib/chat/kernel/access";
import { myStatus } from "@/lib/chat/status/reads";
import { onlineVisibleInChat } from "@/lib/chat/privacy/rules";
import { parseInput } from "@/lib/chat/kernel/input";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { securityLog } from "@/lib/security/log";
import { parseChannel } from "./channels";
import { pusherServer } from "./publisher";

export const channelAuthSchema = z.object({
  socket_id: z.string({ error: "is required" }).regex(/^\d{1,20}\.\d{1,20}$/, { message: "is not a socket id" }),
  channel_name: z.string({ error: "is required" }).min(1, { message: "is required" }).max(200, { message: "is too long" }),
});

export const userAuthSchema = channelAuthSchema.pick({ socket_id: true });

export interface ChannelAuthorization {
  auth: string;
  channel_data?: string;
}

const refused = () => new AppError("forbidden", "You are not allowed to subscribe to this channel.");
/** A refusal the membership gate has not logged already (it logs its own). */
const refusedLogged = (actorId: string, channelName: string) => {
  securityLog("authorization.refused", { userId: actorId, target: `channel:${channelName}` });
  return refused();
};

/**
 * Presence user_info: safe fields, bounded so it stays under Pusher's 1 KB limit. It reaches every
 * member of a chat, so the photo only when its owner shows it to everyone (issue 15, privacy).
 */
export async function presenceInfo(userId: string): Promise<{ name: string | null; image: string | null }> {
  const row = await db.user.findUnique({ where: { id: userId }, select: safeUserSelect });
  const user = row ? toSafeUser(row) : null;
  const name = user?.name ? user.name.slice(0, 100) : null;
  const image = user?.image && user.image.length <= 500 ? user.image : null;
  return { name, image };
}

async function requireMember(actorId: string, conversationId: string): Promise<void> {
  try {
    await requireMembership(actorId, conversationId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") throw refused();
    throw error;
  }
}

/** Signs a subscription of `socket_id` to `channel_name` for the session user, or throws 403/400. */
export async function authorizeChannel(
  actorId: string,
  input: { socket_id?: unknown; channel_name?: unknown },
): Promise<ChannelAuthorization> {
  const { socket_id: socketId, channel_name: channelName } = parseInput(channelAuthSchema, input);
  const channel = parseChannel(channelName);
  if (!channel) throw refusedLogged(actorId, channelName);
  switch (channel.kind) {
    case "user":
      if (channel.userId !== actorId) throw refusedLogged(actorId, channelName);
      return pusherServer().authorizeChannel(socketId, channelName, { user_id: actorId });
    case "conversation":
      await requireMember(actorId, channel.conversationId);
      return pusherServer().authorizeChannel(socketId, channelName, { user_id: actorId });
    case "conversation-presence": {
      await requireMember(actorId, channel.conversationId);
      // A 1:1 where one of us blocked the other shows neither presence nor typing (lib/chat/blocks).
      if (await isBlockedInDirect(actorId, channel.conversationId)) throw refused();
      // Whoever joins is shown online to every member: refused unless all of them may see my last
      // seen & online (issue 15, lib/chat/privacy); like WhatsApp, hiding mine hides theirs and
      // typing in that chat from me too.
      if (!(await onlineVisibleInChat(actorId, channel.conversationId))) throw refused();
      // Invisible (lib/chat/status): on no presence channel, so offline to everyone.
      const [info, status] = await Promise.all([presenceInfo(actorId), myStatus(actorId)]);
      if (status.status === "invisible")
        throw new AppError("forbidden", "You are invisible: presence is off until you change your status.");
      return pusherServer().authorizeChannel(socketId, channelName, { user_id: actorId, user_info: info });
    }
  }
}

/** pusher-js `signin()`: binds the socket to the session user (enables terminate_connections on sign-out). */
export async function authenticateUser(actorId: string, input: { socket_id?: unknown }): Promise<{ auth: string; user_data: string }> {
  const { socket_id: socketId } = parseInput(userAuthSchema, input);
  const info = await presenceInfo(actorId);
  return pusherServer().authenticateUser(socketId, { id: actorId, user_info: info });
}
