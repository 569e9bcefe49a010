import { isIP } from 'node:net';

/**
 * Parsers for environment variables: each returns the typed value or throws an
 * Error whose message explains the rule (never echoing a secret value).
 */
export function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw;
}

export function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new Error(`must be a whole number between ${min} and ${max}`);
    const value = Number(raw.trim());
    if (value < min || value > max) throw new Error(`must be a whole number between ${min} and ${max}`);
    return value;
  };
}

export function oneOf<const T extends readonly string[]>(choices: T) {
  return (raw: string): T[number] => {
    const value = raw.trim().toLowerCase();
    if (!choices.includes(value)) throw new Error(`must be one of: ${choices.join(', ')}`);
    return value as T[number];
  };
}

const DURATION_UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "15m", "12h", "7d" → milliseconds, within [min, max]. */
export function duration(min: string, max: string) {
  const toMs = (text: string): number | undefined => {
    const match = /^(\d+)([smhd])$/.exec(text.trim());
    return match ? Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS] : undefined;
  };
  const [low, high] = [toMs(min)!, toMs(max)!];
  return (raw: string): number => {
    const value = toMs(raw);
    if (value === undefined || value < low || value > high) {
      throw new Error(`must be a duration like 15m, 12h or 7d, between ${min} and ${max}`);
    }
    return value;
  };
}

export function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `text` as a URL, or an Error with `complaint` (the one place a variable is parsed as a URL). */
function parsedUrl(text: string, complaint: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new Error(complaint);
  }
}

export function httpUrl(raw: string): string {
  const url = parsedUrl(raw.trim(), 'must be an absolute http:// or https:// URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must start with http:// or https://');
  if (url.username || url.password || url.search || url.hash) throw new Error('must not contain credentials, a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

/** Exact browser origins (scheme://host[:port]); wildcards are refused on purpose. */
export function originList(raw: string): string[] {
  return list(raw).map((item) => {
    const url = parsedUrl(item, `"${item}" is not an origin like https://studio.example`);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item) {
      throw new Error(`"${item}" is not an origin like https://studio.example (no path, no trailing slash, no wildcard)`);
    }
    return item;
  });
}

/** Proxy addresses or CIDR ranges whose X-Forwarded-* headers are believed. */
export function proxyList(raw: string): string[] {
  return list(raw).map((item) => {
    const [address, prefix, extra] = item.split('/');
    const family = isIP(address ?? '');
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new Error(`"${item}" is not an IP address or CIDR range`);
    }
    return item;
  });
}

export function postgresUrl(raw: string): string {
  const url = parsedUrl(raw.trim(), 'is not a valid URL (expected postgres://user:password@host:5432/database)');
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('must start with postgres:// or postgresql://');
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new Error('must name a host and a database (postgres://user:password@host:5432/database)');
  }
  return raw.trim();
}

export function smtpUrl(raw: string): string {
  const url = parsedUrl(raw.trim(), 'is not a valid URL (expected smtp://user:password@host:587 or smtps://…:465)');
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('must start with smtp:// or smtps://');
  if (!url.hostname) throw new Error('must name a host');
  return raw.trim();
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

export function flag(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new Error('must be true or false');
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An OpenID Provider's issuer URL. https only: the ID token's keys and the
 * token exchange travel over it. Plain http is accepted for a provider on this
 * very machine (loopback), where there is no network to attack.
 */
export function issuerUrl(raw: string): string {
  const url = parsedUrl(raw.trim(), "must be the provider's issuer URL, like https://auth.example/application/o/sakuga/");
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new Error('must use https:// (plain http:// only for a provider on this machine)');
  }
  if (url.username || url.password || url.search || url.hash) throw new Error('must not contain credentials, a query or a fragment');
  return raw.trim();
}

export function scopeList(raw: string): string[] {
  const scopes = raw.trim().split(/\s+/).filter((scope) => scope !== '');
  if (!scopes.includes('openid')) throw new Error('must include openid');
  if (scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) throw new Error('must be space-separated scope names');
  return scopes;
}

const PLACEHOLDER_SECRETS = /^(?:[-_ ]*(?:change[-_ ]?me|secret|password|example|test|default|sakuga|key))+[-_ ]*$/i;

/**
 * A key must carry real entropy: the generated ones are 43 base64url characters
 * (256 bits). Short, repetitive or placeholder values are refused outright rather
 * than warned about, because a guessable key forges every signed token.
 */
export function strongKey(raw: string): string {
  const value = raw.trim();
  if (value.length < 32) throw new Error('must be at least 32 characters (use a random value, e.g. `openssl rand -base64 32`)');
  if (new Set(value).size < 12 || PLACEHOLDER_SECRETS.test(value)) {
    throw new Error('looks like a placeholder or low-entropy value; use a random value');
  }
  return value;
}

/** Absolute directories, without trailing slashes. */
export function absoluteDirList(raw: string): string[] {
  return list(raw).map((item) => {
    if (!item.startsWith('/') || item.includes('\0')) throw new Error(`"${item}" is not an absolute directory`);
    return item.replace(/\/+$/, '') || '/';
  });
}
