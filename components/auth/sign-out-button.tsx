"use client";
// next-auth/react is loaded only when the button is pressed: it is not needed to paint the page.
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className={className}
      disabled={pending}
      onClick={() => {
        setPending(true);
        // A shared computer keeps none of my chats: stored pages and unsent messages go first (issue 16).
        void import("@/lib/client/offline-data")
          .then(({ forgetOfflineData }) => forgetOfflineData())
          .catch(() => undefined)
          .then(() => import("next-auth/react"))
          .then(({ signOut }) => signOut({ callbackUrl: "/sign-in?message=signed-out" }))
          .catch(() => setPending(false));
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
