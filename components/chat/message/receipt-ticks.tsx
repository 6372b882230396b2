// The receipt state of my message: one tick (sent: stored), two ticks (delivered to every other
// member), two blue ticks (read by every other member). A button: it opens the message info panel.
import { Check, CheckCheck } from "lucide-react";
import type { ReceiptStatus } from "@/lib/chat/receipts/dto";

const LABELS: Record<ReceiptStatus, string> = { sent: "Sent", delivered: "Delivered", read: "Read" };

export function ReceiptTicks({ status, onOpen }: { status: ReceiptStatus; onOpen: (button: HTMLButtonElement) => void }) {
  const Icon = status === "sent" ? Check : CheckCheck;
  return (
    <button
      type="button"
      onClick={(event) => onOpen(event.currentTarget)}
      aria-label={`Message info (${LABELS[status]})`}
      title={LABELS[status]}
      data-receipt={status}
      className={`inline-flex items-center rounded px-0.5 hover:bg-neutral-100 dark:hover:bg-neutral-800 ${
        status === "read" ? "text-sky-600 dark:text-sky-400" : "text-neutral-500 dark:text-neutral-400"
      }`}
    >
      <Icon aria-hidden className="size-4" />
    </button>
  );
}
