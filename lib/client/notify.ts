// Toasts without sonner in the first-load JavaScript: the toast region (components/providers/
// app-toaster) is loaded after hydration, and these helpers load sonner when a toast is shown.
// A toast waits until the region is mounted, so one shown right after page load is not lost.
let markToasterReady: () => void = () => {};
const toasterReady = new Promise<void>((resolve) => {
  markToasterReady = resolve;
});

/** Called by the toast region once it listens for toasts. */
export function toasterMounted(): void {
  markToasterReady();
}

function show(kind: "error" | "success", message: string): void {
  void toasterReady.then(() => import("sonner")).then(({ toast }) => toast[kind](message));
}

export const notify = {
  error: (message: string) => show("error", message),
  success: (message: string) => show("success", message),
};
