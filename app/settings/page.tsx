import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { DeleteAccount } from "@/components/auth/delete-account";
import { ProfileForm } from "@/components/auth/profile-form";
import { ProfileDetailsForm } from "@/components/auth/profile-details-form";
import { getProfileDetails } from "@/lib/chat/profiles/operations";
import { PrivacyForm } from "@/components/auth/privacy-form";
import { getPrivacy } from "@/lib/chat/privacy/operations";
import { ChatSettingsForm } from "@/components/settings/chat-settings-form";
import { getSettings } from "@/lib/chat/settings/reads";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TwoFactorSettings } from "@/components/auth/two-factor-settings";
import { UnverifiedEmail } from "@/components/auth/unverified-email";
import { twoFactorStatus } from "@/lib/account/two-factor/operations";
import { listSessions } from "@/lib/account/sessions/operations";
import { SessionsList } from "@/components/auth/sessions-list";
import { NotificationSettings } from "@/components/notifications/settings-section";
import { AssistantSection } from "@/components/assistant/assistant-section";
import { assistantStatus } from "@/lib/chat/assistant/operations";
import { requirePageUser } from "@/lib/auth/session";
import { getOwnProfile } from "@/lib/users/profile";

export const metadata: Metadata = { title: "Profile settings" };
export const dynamic = "force-dynamic";

const PROVIDER_NAMES: Record<string, string> = { github: "GitHub", google: "Google", oidc: "OpenID Connect" };

export default async function SettingsPage() {
  const user = await requirePageUser("/settings");
  const [profile, details, privacy, twoFactor, sessions, assistant, settings] = await Promise.all([
    getOwnProfile(user.id),
    getProfileDetails(user.id),
    getPrivacy(user.id),
    twoFactorStatus(user.id),
    listSessions(user.id, user.sessionId),
    assistantStatus(user.id),
    getSettings(user.id),
  ]);
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col gap-8 px-4 py-10">
      <header className="flex items-center justify-between gap-4">
        <div>
          <Link href="/chat" className="text-sm text-sky-700 underline dark:text-sky-400">
            ← Back to chat
          </Link>
          <h1 className="mt-2 text-2xl font-semibold">Profile settings</h1>
        </div>
        <SignOutButton />
      </header>

      <section aria-labelledby="profile-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="profile-heading" className="mb-4 text-lg font-semibold">
          Profile
        </h2>
        <ProfileForm name={profile.name} image={profile.image} />
      </section>

      <section aria-labelledby="username-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="username-heading" className="mb-4 text-lg font-semibold">
          Username and about
        </h2>
        <ProfileDetailsForm username={details.username} about={details.about} />
      </section>

      <section aria-labelledby="chats-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="chats-heading" className="mb-4 text-lg font-semibold">
          Chats
        </h2>
        <ChatSettingsForm settings={settings} />
      </section>

      <section aria-labelledby="privacy-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="privacy-heading" className="mb-4 text-lg font-semibold">
          Privacy
        </h2>
        <PrivacyForm settings={privacy} />
      </section>

      <section aria-labelledby="account-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="account-heading" className="mb-4 text-lg font-semibold">
          Account
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-neutral-500">Email</dt>
          <dd>
            {profile.email ?? "—"}
            {profile.email && !profile.emailVerified ? <UnverifiedEmail /> : null}
          </dd>
          <dt className="text-neutral-500">Sign-in methods</dt>
          <dd>
            <ul aria-label="Sign-in methods">
              {profile.hasPassword ? <li>Email and password</li> : null}
              {profile.providers.map((provider) => (
                <li key={provider}>{PROVIDER_NAMES[provider] ?? provider}</li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>

      {profile.hasPassword ? (
        <section aria-labelledby="password-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
          <h2 id="password-heading" className="mb-4 text-lg font-semibold">
            Change password
          </h2>
          <ChangePasswordForm />
        </section>
      ) : null}
      <section aria-labelledby="two-factor-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="two-factor-heading" className="mb-4 text-lg font-semibold">
          Two-factor authentication
        </h2>
        <TwoFactorSettings
          enabled={twoFactor.enabled}
          recoveryCodesLeft={twoFactor.recoveryCodesLeft}
          askAfterOAuth={twoFactor.askAfterOAuth}
        />
      </section>
      <section aria-labelledby="sessions-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="sessions-heading" className="mb-4 text-lg font-semibold">
          Sessions and devices
        </h2>
        <SessionsList sessions={sessions} />
      </section>

      <section aria-labelledby="notifications-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="notifications-heading" className="mb-4 text-lg font-semibold">
          Notifications
        </h2>
        <NotificationSettings />
      </section>

      <AssistantSection status={assistant} />

      <section aria-labelledby="data-heading" className="rounded-2xl border border-neutral-200 p-6 dark:border-neutral-800">
        <h2 id="data-heading" className="mb-4 text-lg font-semibold">
          Your data
        </h2>
        <p className="mb-3 text-sm">Download your profile, the conversations you are in and the messages you sent, as JSON.</p>
        <a
          href="/api/account/export"
          download
          className="inline-flex rounded-lg border border-neutral-300 px-4 py-2 text-sm font-semibold dark:border-neutral-700"
        >
          Export my data
        </a>
      </section>

      <section aria-labelledby="delete-heading" className="rounded-2xl border border-red-200 p-6 dark:border-red-900">
        <h2 id="delete-heading" className="mb-4 text-lg font-semibold">
          Delete my account
        </h2>
        <DeleteAccount hasPassword={profile.hasPassword} />
      </section>
    </main>
  );
}
