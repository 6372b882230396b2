import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        Enter the e-mail address of your account and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm />
    </div>
  );
}
