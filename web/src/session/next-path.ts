/**
 * Where to go after signing in. Only a path on this server: `//evil.example`
 * and `/\evil.example` are read by browsers as other hosts, so an attacker's
 * link to /sign-in?next=… could otherwise send a fresh session elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if ([...next].some((char) => char.charCodeAt(0) < 0x20)) return '/';
  if (next.startsWith('/sign-in')) return '/';
  return next;
}

/** The sign-in address that brings the person back to where they are now. */
export function signInPath(location: { pathname: string; search: string; hash: string }): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return here === '/' || here.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}
