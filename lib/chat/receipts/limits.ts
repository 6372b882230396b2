// Limits of the receipts capability. Browser-safe: the client batches its delivery reports to fit.

/** Conversations one delivery report may name (a client sends one entry per conversation). */
export const DELIVERED_BATCH_MAX = 50;
/** Receipts one delivery report writes at most (the oldest first; a later report continues). */
export const DELIVERED_ROWS_MAX = 1_000;
/** How long a client gathers received messages before it reports them (one request per burst). */
export const DELIVERED_DEBOUNCE_MS = 800;
