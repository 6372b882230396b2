import type { Metadata } from "next";
import { VerifyEmail } from "@/components/auth/verify-email";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

export default function VerifyEmailPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Confirm your e-mail address</h1>
      <VerifyEmail />
    </div>
  );
}
