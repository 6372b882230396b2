"use client";
// The state of a settings form that saves through a server action: per-field errors, the form's
// error, "saved" and pending. A refusal shows the server's messages; a lost connection says so.
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action";

export function useActionForm() {
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit<T>(save: () => Promise<ActionResult<T>>, onSaved: (data: T) => void): Promise<void> {
    setPending(true);
    setSaved(false);
    setError(null);
    setFields({});
    try {
      const result = await save();
      if (result.ok) {
        setSaved(true);
        onSaved(result.data);
      } else {
        setFields(result.error.fields ?? {});
        setError(result.error.message);
      }
    } catch {
      setError("Could not reach Parley. Check your connection and try again.");
    }
    setPending(false);
  }

  return { fields, error, saved, pending, submit };
}
