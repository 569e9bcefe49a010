import { isIP } from 'node:net';

/**
 * The one schema of Sakuga's environment. Every variable the server reads is
 * declared here with its parser, default and documentation; `.env.example` is
 * checked against this table by a test. Secret variables are also accepted as
 * `NAME_FILE` (a path whose contents are the value) and are never echoed back in
 * error messages.
 */
export interface VariableSpec<T> {
  readonly secret: boolean;
  readonly doc: string;
  readonly default?: string;
  /** Returns the typed value or throws an Error whose message explains the rule. */
  readonly parse: (raw: string) => T;
}

function variable<T>(spec: VariableSpec<T>): VariableSpec<T> {
  return spec;
}

function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw;
}

function integer(min: number, max: number) {
  return (raw: string): number => {
    if (!/^\d+$/.test(raw.trim())) throw new Error(`must be a whole number between ${min} and ${max}`);
    const value = Number(raw.trim());
    if (value < min || value > max) throw new Error(`must be a whole number between ${min} and ${max}`);
    return value;
  };
}

function oneOf<const T extends readonly string[]>(choices: T) {
  return (raw: string): T[number] => {
    const value = raw.trim().toLowerCase();
    if (!choices.includes(value)) throw new Error(`must be one of: ${choices.join(', ')}`);
    return value as T[number];
  };
}

const DURATION_UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "15m", "12h", "7d" → milliseconds, within [min, max]. */
function duration(min: string, max: string) {
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

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must start with http:// or https://');
  if (url.username || url.password || url.search || url.hash) throw new Error('must not contain credentials, a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

/** Exact browser origins (scheme://host[:port]); wildcards are refused on purpose. */
function originList(raw: string): string[] {
  return list(raw).map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`"${item}" is not an origin like https://studio.example`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item) {
      throw new Error(`"${item}" is not an origin like https://studio.example (no path, no trailing slash, no wildcard)`);
    }
    return item;
  });
}

/** Proxy addresses or CIDR ranges whose X-Forwarded-* headers are believed. */
function proxyList(raw: string): string[] {
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

function postgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('must start with postgres:// or postgresql://');
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new Error('must name a host and a database (postgres://user:password@host:5432/database)');
  }
  return raw.trim();
}

function smtpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('is not a valid URL (expected smtp://user:password@host:587 or smtps://…:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('must start with smtp:// or smtps://');
  if (!url.hostname) throw new Error('must name a host');
  return raw.trim();
}

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

function flag(raw: string): boolean {
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
function issuerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('must be the provider\'s issuer URL, like https://auth.example/application/o/sakuga/');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new Error('must use https:// (plain http:// only for a provider on this machine)');
  }
  if (url.username || url.password || url.search || url.hash) throw new Error('must not contain credentials, a query or a fragment');
  return raw.trim();
}

function scopeList(raw: string): string[] {
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
function strongKey(raw: string): string {
  const value = raw.trim();
  if (value.length < 32) throw new Error('must be at least 32 characters (use a random value, e.g. `openssl rand -base64 32`)');
  if (new Set(value).size < 12 || PLACEHOLDER_SECRETS.test(value)) {
    throw new Error('looks like a placeholder or low-entropy value; use a random value');
  }
  return value;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const publicVariables = {
  SAKUGA_DATA_DIR: variable({
    secret: false,
    default: './data',
    doc: 'Directory for the database, secrets, uploads, blobs, audit and logs.',
    parse: nonEmpty,
  }),
  HOST: variable({
    secret: false,
    default: '127.0.0.1',
    doc: 'Address to listen on. 127.0.0.1 keeps Sakuga private to this machine; 0.0.0.0 opens it to the LAN.',
    parse: nonEmpty,
  }),
  PORT: variable({ secret: false, default: '8080', doc: 'TCP port to listen on.', parse: integer(0, 65535) }),
  PUBLIC_URL: variable({
    secret: false,
    doc: 'The URL people use to reach Sakuga (e.g. https://sakuga.example). Used in printed links; https:// here also turns on HSTS.',
    parse: httpUrl,
  }),
  LOG_LEVEL: variable({ secret: false, default: 'info', doc: `Log verbosity: ${LOG_LEVELS.join(', ')}.`, parse: oneOf(LOG_LEVELS) }),
  TRUST_PROXY: variable({
    secret: false,
    default: '',
    doc: 'Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For/-Proto headers are trusted. Empty trusts none.',
    parse: proxyList,
  }),
  CORS_ORIGINS: variable({
    secret: false,
    default: '',
    doc: 'Comma-separated exact origins allowed to call the API from a browser. Empty (the default) allows none.',
    parse: originList,
  }),
  BODY_LIMIT_BYTES: variable({
    secret: false,
    default: '1048576',
    doc: 'Largest accepted JSON request body, in bytes (uploads use their own limits).',
    parse: integer(1024, 64 * 1024 * 1024),
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    secret: false,
    default: '10000',
    doc: 'How long a graceful shutdown waits for requests in flight before forcing exit.',
    parse: integer(100, 600_000),
  }),
  PASSWORD_POLICY: variable({
    secret: false,
    default: 'nist',
    doc: 'nist: length over composition (15+ characters, or 8+ once 2FA is enforced), blocklist checked. composition: 8+ characters with upper, lower, digit and symbol, blocklist checked.',
    parse: oneOf(['nist', 'composition'] as const),
  }),
  ARGON2_MEMORY_KIB: variable({
    secret: false,
    default: '19456',
    doc: 'argon2id memory per hash in KiB (OWASP minimum 19456). Changing it re-hashes each password at its next login.',
    parse: integer(19_456, 1_048_576),
  }),
  ARGON2_TIME_COST: variable({ secret: false, default: '2', doc: 'argon2id passes (minimum 2).', parse: integer(2, 20) }),
  ARGON2_PARALLELISM: variable({ secret: false, default: '1', doc: 'argon2id lanes (1 to 8).', parse: integer(1, 8) }),
  PASSWORD_HASH_CONCURRENCY: variable({
    secret: false,
    default: '2',
    doc: 'Password hashes computed at once; more wait in line, so a login storm cannot starve the rest of the server.',
    parse: integer(1, 16),
  }),
  ACCESS_TOKEN_TTL: variable({
    secret: false,
    default: '15m',
    doc: 'Lifetime of an access token (token mode); clients renew it with their refresh token.',
    parse: duration('1m', '24h'),
  }),
  SESSION_IDLE_TIMEOUT: variable({
    secret: false,
    default: '7d',
    doc: 'A session unused this long ends (cookie and refresh token alike).',
    parse: duration('5m', '90d'),
  }),
  SESSION_MAX_AGE: variable({
    secret: false,
    default: '30d',
    doc: 'A session ends this long after sign-in, however active; then the person signs in again.',
    parse: duration('1h', '365d'),
  }),
  SMTP_FROM: variable({
    secret: false,
    default: 'Sakuga <sakuga@localhost>',
    doc: 'Sender of the mail Sakuga sends (magic links, notifications).',
    parse: nonEmpty,
  }),
  MAGIC_LINK_TTL: variable({ secret: false, default: '10m', doc: 'How long a sign-in link stays valid.', parse: duration('1m', '1h') }),
  WEBAUTHN_RP_ID: variable({
    secret: false,
    doc: 'Passkey relying-party id: the domain passkeys are bound to. Default: the host of PUBLIC_URL, else localhost.',
    parse: nonEmpty,
  }),
  WEBAUTHN_ORIGINS: variable({
    secret: false,
    default: '',
    doc: 'Comma-separated origins passkey ceremonies may come from. Default: the origin of PUBLIC_URL, else http://localhost:PORT.',
    parse: originList,
  }),
  SUDO_WINDOW: variable({
    secret: false,
    default: '10m',
    doc: 'Sensitive actions (password change, 2FA changes, API keys) need a password or code entered this recently.',
    parse: duration('1m', '24h'),
  }),
  UPLOAD_MAX_VIDEO_BYTES: variable({ secret: false, default: String(4 * 1024 ** 3), doc: 'Largest video upload, in bytes (default 4 GiB).', parse: integer(1, 2 ** 50) }),
  UPLOAD_MAX_IMAGE_BYTES: variable({ secret: false, default: String(10 * 1024 ** 2), doc: 'Largest image upload, in bytes (default 10 MiB).', parse: integer(1, 2 ** 40) }),
  UPLOAD_MAX_AUDIO_BYTES: variable({ secret: false, default: String(5 * 1024 ** 2), doc: 'Largest audio upload, in bytes (default 5 MiB).', parse: integer(1, 2 ** 40) }),
  UPLOAD_MAX_SUBTITLES_BYTES: variable({ secret: false, default: String(2 * 1024 ** 2), doc: 'Largest subtitle upload, in bytes (default 2 MiB).', parse: integer(1, 2 ** 40) }),
  UPLOAD_MAX_DATA_BYTES: variable({ secret: false, default: String(2 * 1024 ** 2), doc: 'Largest JSON data upload, in bytes (default 2 MiB).', parse: integer(1, 2 ** 40) }),
  UPLOAD_QUOTA_BYTES: variable({
    secret: false,
    default: String(50 * 1024 ** 3),
    doc: 'Storage each user may fill with uploads, in bytes (default 50 GiB); checked when an upload is created.',
    parse: integer(1, 2 ** 53 - 1),
  }),
  MAX_CONCURRENT_UPLOADS: variable({ secret: false, default: '4', doc: 'Unfinished uploads one user may have at once.', parse: integer(1, 100) }),
  UPLOAD_EXPIRY: variable({
    secret: false,
    default: '24h',
    doc: 'An unfinished upload that receives nothing this long is deleted.',
    parse: duration('10m', '30d'),
  }),
  MAX_VIDEO_MIN: variable({ secret: false, default: '180', doc: 'Longest video accepted, in minutes.', parse: integer(1, 24 * 60) }),
  MAX_AUDIO_SECONDS: variable({ secret: false, default: '60', doc: 'Longest audio clip accepted (voice samples), in seconds.', parse: integer(1, 24 * 3600) }),
  IMAGE_MAX_PIXELS: variable({
    secret: false,
    default: String(4096 * 4096),
    doc: 'Largest image accepted, in pixels (width × height); larger ones, and decompression bombs, are rejected.',
    parse: integer(1, 2 ** 31),
  }),
  FILE_PICKER_ROOTS: variable({
    secret: false,
    default: '',
    doc: 'Comma-separated absolute directories whose media the server file picker may list (GET /api/files). Empty (the default): the picker is off.',
    parse: (raw) =>
      list(raw).map((item) => {
        if (!item.startsWith('/') || item.includes('\0')) throw new Error(`"${item}" is not an absolute directory`);
        return item.replace(/\/+$/, '') || '/';
      }),
  }),
  FFMPEG_PATH: variable({
    secret: false,
    doc: 'The ffmpeg binary to use. Unset: ffmpeg on PATH, else the static build installed with Sakuga.',
    parse: nonEmpty,
  }),
  FFPROBE_PATH: variable({
    secret: false,
    doc: 'The ffprobe binary to use. Unset: ffprobe on PATH, else the static build installed with Sakuga.',
    parse: nonEmpty,
  }),
  ALLOW_LEGACY_TOKEN_LOGIN: variable({
    secret: false,
    default: 'false',
    doc: 'Accept ?token=<access token> on GET requests from loopback and private addresses only (every use audited). Prefer signed URLs.',
    parse: flag,
  }),
  API_KEY_DEFAULT_DAYS: variable({
    secret: false,
    default: '90',
    doc: 'Lifetime of a new API key when its creator names none, in days.',
    parse: integer(1, 3650),
  }),
  API_KEY_MAX_DAYS: variable({
    secret: false,
    default: '365',
    doc: 'Longest lifetime an API key may be given, in days; every key expires.',
    parse: integer(1, 3650),
  }),
  OIDC_ISSUER: variable({
    secret: false,
    doc: 'Single sign-on: the OpenID Provider\'s issuer URL (Authentik, Keycloak, …). Unset: single sign-on is off. Needs PUBLIC_URL and OIDC_CLIENT_ID.',
    parse: issuerUrl,
  }),
  OIDC_CLIENT_ID: variable({ secret: false, doc: 'Single sign-on: the client id registered at the provider.', parse: nonEmpty }),
  OIDC_PROVIDER_NAME: variable({
    secret: false,
    default: 'single sign-on',
    doc: 'What the sign-in button calls the provider ("Sign in with …").',
    parse: nonEmpty,
  }),
  OIDC_SCOPES: variable({ secret: false, default: 'openid email profile', doc: 'Scopes asked of the provider; must include openid.', parse: scopeList }),
  OIDC_AUTO_PROVISION: variable({
    secret: false,
    default: 'false',
    doc: 'Create an account at the first single sign-on of someone Sakuga does not know yet (role OIDC_DEFAULT_ROLE). Off: an admin links people first.',
    parse: flag,
  }),
  OIDC_DEFAULT_ROLE: variable({
    secret: false,
    default: 'viewer',
    doc: 'Role of accounts created by single sign-on: viewer, operator or editor (never admin).',
    parse: oneOf(['viewer', 'operator', 'editor'] as const),
  }),
  OIDC_LINK_BY_EMAIL: variable({
    secret: false,
    default: 'false',
    doc: 'Link a first single sign-on to the existing account with the same email, when the provider says the email is verified and Sakuga has verified it too.',
    parse: flag,
  }),
} as const;

export const secretVariables = {
  DATABASE_URL: variable({
    secret: true,
    doc: 'PostgreSQL connection URL (postgres://user:password@host:5432/db). Unset: embedded SQLite in the data dir.',
    parse: postgresUrl,
  }),
  SMTP_URL: variable({
    secret: true,
    doc: 'Mail server for magic links: smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465. Unset: magic links are off. Needs PUBLIC_URL.',
    parse: smtpUrl,
  }),
  OIDC_CLIENT_SECRET: variable({
    secret: true,
    doc: 'Single sign-on: the client secret (confidential client). Unset: a public client, protected by PKCE alone.',
    parse: nonEmpty,
  }),
  SAKUGA_SECRET_KEY: variable({
    secret: true,
    doc: 'Root key for signing (CSRF tokens, signed URLs). Unset: generated into <data dir>/secrets/ on first run.',
    parse: strongKey,
  }),
  SAKUGA_ENCRYPTION_KEY: variable({
    secret: true,
    doc: 'Key-encryption key for data at rest (TOTP secrets, encrypted files). Unset: generated into <data dir>/secrets/ on first run.',
    parse: strongKey,
  }),
} as const;

export type PublicVariableName = keyof typeof publicVariables;
export type SecretVariableName = keyof typeof secretVariables;
export const allVariables: Record<string, VariableSpec<unknown>> = { ...publicVariables, ...secretVariables };
