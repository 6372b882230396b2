// Limits of the notification center. Browser-safe.
export const NOTIFICATION_CENTER_LIMITS = {
  /** Entries per page of the panel (newest first). */
  page: 20,
  pageMax: 50,
} as const;
