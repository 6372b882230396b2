// "Export my data" (issue #17): my profile, the conversations I am in, and the messages I sent, as
// one JSON document. Other people appear by id and name only (never their e-mail); no secret (hash,
// token, TOTP secret) is ever read. Limited to 5 exports per hour per user.
import "server-only";
import { safeUserSelect } from "@/lib/chat/kernel/access";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertExportAllowed } from "@/lib/rate-limit/user-budgets";

const PAGE = 1_000;

export interface AccountExport {
  exportedAt: string;
  profile: {
    id: string;
    name: string | null;
    email: string | null;
    emailVerified: string | null;
    image: string | null;
    username: string | null;
    about: string | null;
    createdAt: string;
    signInMethods: string[];
    twoFactorEnabled: boolean;
  };
  conversations: { id: string; name: string | null; isGroup: boolean; createdAt: string; members: { id: string; name: string | null }[] }[];
  messages: { id: string; conversationId: string; body: string | null; image: string | null; createdAt: string }[];
}

export async function exportAccount(userId: string): Promise<AccountExport> {
  await assertExportAllowed(userId);
  const [user, withPassword, accounts, twoFactor] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, emailVerified: true, image: true, username: true, about: true, createdAt: true },
    }),
    db.user.count({ where: { id: userId, hashedPassword: { not: null } } }),
    db.account.findMany({ where: { userId }, select: { provider: true } }),
    db.userTwoFactor.findUnique({ where: { userId }, select: { enabledAt: true } }),
  ]);
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  const conversations = await db.conversation.findMany({
    where: { users: { some: { id: userId } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, isGroup: true, createdAt: true, users: { select: safeUserSelect } },
  });
  const messages: AccountExport["messages"] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.message.findMany({
      where: { senderId: userId },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, conversationId: true, body: true, image: true, createdAt: true },
    });
    for (const m of page) messages.push({ ...m, createdAt: m.createdAt.toISOString() });
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified?.toISOString() ?? null,
      image: user.image,
      username: user.username,
      about: user.about,
      createdAt: user.createdAt.toISOString(),
      signInMethods: [...(withPassword > 0 ? ["password"] : []), ...new Set(accounts.map((a) => a.provider))],
      twoFactorEnabled: !!twoFactor?.enabledAt,
    },
    conversations: conversations.map((c) => ({
      id: c.id,
      name: c.name,
      isGroup: !!c.isGroup,
      createdAt: c.createdAt.toISOString(),
      members: c.users.map((u) => ({ id: u.id, name: u.name })),
    })),
    messages,
  };
}
