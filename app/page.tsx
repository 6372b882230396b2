export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-6 p-8 text-center">
      <h1 className="text-4xl font-semibold tracking-tight">Parley</h1>
      <p className="text-lg text-neutral-600 dark:text-neutral-400">
        Real-time chat with the people you talk to most.
      </p>
    </main>
  );
}
