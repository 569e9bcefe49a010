import { dubVariables } from './dub-variables.js';
import { libraryVariables } from './library-variables.js';
import { retentionVariables } from './retention-variables.js';
import { backupVariables } from './backup-variables.js';
import { privacyVariables } from './privacy-variables.js';
import { generationVariables } from './generation-variables.js';
import { jobVariables } from './job-variables.js';
import { engineSecretVariables, engineVariables } from './engine-variables.js';
import { storageSecretVariables, storageVariables } from './storage-variables.js';
import { absoluteDirList, duration, flag, httpUrl, integer, issuerUrl, nonEmpty, oneOf, originList, postgresUrl, proxyList, scopeList, smtpUrl, strongKey } from './parsers.js';

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
    parse: absoluteDirList,
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
  ...jobVariables,
  ...dubVariables,
  ...libraryVariables,
  ...retentionVariables,
  ...backupVariables,
  ...privacyVariables,
  ...generationVariables,
  ...engineVariables,
  ...storageVariables,
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
  ...engineSecretVariables,
  ...storageSecretVariables,
} as const;

export type PublicVariableName = keyof typeof publicVariables;
export type SecretVariableName = keyof typeof secretVariables;
export const allVariables: Record<string, VariableSpec<unknown>> = { ...publicVariables, ...secretVariables };
