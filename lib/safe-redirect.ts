/**
 * Where to send someone after sign-in: `next` only when it resolves to this origin, else
 * `fallback`. Parsed the way the browser will parse it (`new URL(next, origin)`), so tabs,
 * backslashes, `%5C`/`%09` (decoded by the query string), scheme-relative `//host` and
 * `https:host` all end up where the browser would go, and a foreign origin is refused.
 * The answer is always a path of this origin, never `//…` (which would leave it again).
 */
export function sameOriginPath(next: string | null | undefined, origin: string, fallback = "/tickets"): string {
  if (!next) return fallback;
  let own: URL;
  let url: URL;
  try {
    own = new URL(origin);
    url = new URL(next, own);
  } catch {
    return fallback;
  }
  if (url.origin !== own.origin) return fallback;
  // `/.//evil` resolves to the path `//evil` here: one leading slash only.
  return `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
}

/** The login page's `next`: a path of this origin, but never the sign-in page again (a loop). */
export function afterSignInPath(next: string | null, origin: string): string {
  const path = sameOriginPath(next, origin);
  return /^\/login(?:[/?#]|$)/.test(path) ? "/tickets" : path;
}
