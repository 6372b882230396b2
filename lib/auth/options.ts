// NextAuth configuration (placeholder until the accounts work lands: JWT sessions, no providers).
import type { NextAuthOptions } from "next-auth";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt" },
  providers: [],
};
