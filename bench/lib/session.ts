// Session cookies for benchmark users, minted with NextAuth's own `encode` and the server's secret:
// the token has exactly the shape the sign-in callback issues (lib/auth/options.ts), and every
// request still goes through the real session check (decode, revocation, membership).
import { encode } from "next-auth/jwt";

export async function sessionCookie(secret: string, user: { id: string; name: string }): Promise<string> {
  const token = await encode({ secret, token: { sub: user.id, name: user.name, picture: null, sv: 0 } });
  return `next-auth.session-token=${token}`;
}
