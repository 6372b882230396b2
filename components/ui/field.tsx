// A labelled input with its error messages wired for assistive technology.
import type { InputHTMLAttributes } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
}

export function Field({ name, label, errors, hint, id, className, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const invalid = (errors?.length ?? 0) > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`rounded-lg border bg-white px-3 py-2 text-base text-neutral-900 shadow-sm outline-none transition focus:ring-2 focus:ring-sky-500 dark:bg-neutral-900 dark:text-neutral-100 ${
          invalid ? "border-red-500" : "border-neutral-300 dark:border-neutral-700"
        } ${className ?? ""}`}
        {...input}
      />
      {hint && !invalid ? (
        <p id={hintId} className="text-xs text-neutral-500 dark:text-neutral-400">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
