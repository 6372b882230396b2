// Email + password accounts: registration and the credentials check behind sign-in.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assertRegistrationAllowed, recordSignInSuccess } from "@/lib/rate-limit/auth-limits";
import { securityLog } from "@/lib/security/log";
import { requireSecondFactor } from "@/lib/account/two-factor/operations";
import { sendVerificationEmail } from "@/lib/account/verify-email/operations";
import { hashPassword, verifyAgainstDummyHash, verifyPassword } from "./password";
import { publicUserSelect, type PublicUser } from "./public-user";
import { fieldErrors, registerSchema, signInSchema } from "./validation";
import { USERNAME_TAKEN, isUsernameTaken, usernameConflict } from "@/lib/chat/profiles/operations";
import { trackBackgroundWork } from "@/lib/server/lifecycle";

export async function registerUser(input: unknown, context: { ip: string }): Promise<PublicUser> {
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("bad_request", "Please correct the highlighted fields.", fieldErrors(parsed.error));
  }
  const { name, email, password, username } = parsed.data;
  await assertRegistrationAllowed(context.ip, email);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw emailTaken();
  if (username && (await isUsernameTaken(username))) throw new AppError("conflict", USERNAME_TAKEN, { username: [USERNAME_TAKEN] });
  const hashedPassword = await hashPassword(password);
  let user: PublicUser;
  try {
    user = await db.user.create({ data: { name, email, hashedPassword, username }, select: publicUserSelect });
  } catch (error) {
    const conflict = usernameConflict(error);
    if (conflict) throw conflict;
    if ((error as { code?: string }).code === "P2002") throw emailTaken();
    throw error;
  }
  // The account works at once; its address stays unverified until the mailed link is opened.
  // Sent off the request path: a slow or failing mail server never fails a sign-up ("send it
  // again" is in the settings).
  void trackBackgroundWork(sendVerificationEmail(user.id)).catch((error: unknown) =>
    console.error("[mail] verification mail failed:", (error as Error).message),
  );
  return user;
}

function emailTaken() {
  return new AppError("conflict", "An account with this email already exists. Sign in instead.", {
    email: ["An account with this email already exists."],
  });
}

/**
 * The credentials check: the user on success, null on any failure (unknown email, OAuth-only
 * account, wrong password) after the same bcrypt work, so neither the answer nor its timing tells
 * which. The attempt was already reserved against the account's budget (the credentials route);
 * a success clears it. With two-factor authentication on, a right password is not enough: the
 * input's `totp` (an app code or a recovery code) must be right too, or authorize throws the code
 * the form turns into "enter your code" (lib/account/two-factor); until then nothing is cleared.
 */
export async function authenticate(input: unknown): Promise<PublicUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email }, select: { ...publicUserSelect, hashedPassword: true } });
  const ok = user?.hashedPassword ? await verifyPassword(password, user.hashedPassword) : await verifyAgainstDummyHash(password);
  if (!user || !ok) {
    securityLog("signin.failed", { userId: user?.id, email, reason: user ? "wrong password" : "unknown account" });
    return null;
  }
  await requireSecondFactor(user.id, (input as { totp?: unknown } | null)?.totp);
  await recordSignInSuccess(email);
  return { id: user.id, name: user.name, image: user.image };
}
