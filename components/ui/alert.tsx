// A message box; "error" is announced immediately (role=alert), "info" politely (role=status).
export function Alert({
  kind = "error",
  children,
  ...rest
}: { kind?: "error" | "info"; children: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  const styles =
    kind === "error"
      ? "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      : "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100";
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm ${styles}`} {...rest}>
      {children}
    </div>
  );
}
