"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** One button per configured provider (the server passes only configured ones). */
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-neutral-500">
        <span className="h-px flex-1 bg-neutral-200 dark:bg-neutral-800" />
        or
        <span className="h-px flex-1 bg-neutral-200 dark:bg-neutral-800" />
      </div>
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          disabled={pending !== null}
          onClick={() => {
            setPending(provider.id);
            void signIn(provider.id, { callbackUrl }).catch(() => setPending(null));
          }}
        >
          {pending === provider.id ? `Continuing with ${provider.name}…` : `Continue with ${provider.name}`}
        </Button>
      ))}
    </div>
  );
}
