import Image from "next/image";

/** A round user picture, or the initials when there is none. */
export function Avatar({ name, image, size = 40 }: { name: string | null; image: string | null; size?: number }) {
  const label = name ?? "User";
  if (image) {
    return (
      <Image
        src={image}
        alt={`${label}'s avatar`}
        width={size}
        height={size}
        unoptimized
        referrerPolicy="no-referrer"
        className="rounded-full object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  const initials = label
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
  return (
    <span
      role="img"
      aria-label={`${label}'s avatar`}
      className="inline-flex items-center justify-center rounded-full bg-sky-100 font-semibold text-sky-800 dark:bg-sky-900 dark:text-sky-100"
      style={{ width: size, height: size, fontSize: size * 0.4 }}
    >
      {initials || "?"}
    </span>
  );
}
