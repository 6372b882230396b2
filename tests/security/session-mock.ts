// The session every entry point sees in the security suites. Route handlers of lib/chat/http go
// through setSessionResolverForTests, but lib/auth routes (profile, password) and the server
// actions call lib/auth/session directly, so the suites replace that module with this one:
//   vi.mock("@/lib/auth/session", async () => (await import("./session-mock")).sessionModule);
import { AsyncLocalStorage } from "node:async_hooks";
import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export const session: { user: SessionUser | null } = { user: null };

/** Per-call sessions for concurrent callers (stress tests): runAs(user, () => handler(request)). */
const perCall = new AsyncLocalStorage<SessionUser | null>();
export function runAs<T>(user: { id: string; name: string | null; image: string | null } | null, fn: () => Promise<T>): Promise<T> {
  return perCall.run(user ? { id: user.id, name: user.name, image: user.image } : null, fn);
}
const currentUser = (): SessionUser | null => {
  const scoped = perCall.getStore();
  return scoped === undefined ? session.user : scoped;
};

export function signInAs(user: { id: string; name: string | null; image: string | null } | null): void {
  session.user = user ? { id: user.id, name: user.name, image: user.image } : null;
}

export const sessionModule = {
  getSessionUser: async (): Promise<SessionUser | null> => currentUser(),
  requireSessionUser: async (): Promise<SessionUser> => {
    const user = currentUser();
    if (!user) throw new AppError("unauthorized", "Please sign in to continue.");
    return user;
  },
  requirePageUser: async (): Promise<SessionUser> => {
    const user = currentUser();
    if (!user) throw new Error("NEXT_REDIRECT /sign-in");
    return user;
  },
};
