import { initials } from "@/app/_lib/format";

const palette = ["bg-violet-600", "bg-teal-600", "bg-rose-600", "bg-indigo-600", "bg-orange-600", "bg-cyan-700"];

/**
 * Initials in a coloured circle; the colour is stable per name. Decorative: pair it with
 * text. The initials are drawn by CSS so they do not become part of the surrounding text.
 */
export function Avatar({ name, size = "sm" }: { name: string; size?: "sm" | "md" }) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const dims = size === "md" ? "h-8 w-8 text-xs" : "h-6 w-6 text-[10px]";
  return (
    <span
      aria-hidden="true"
      data-initials={initials(name)}
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white before:content-[attr(data-initials)] ${dims} ${palette[hash % palette.length]}`}
    />
  );
}
