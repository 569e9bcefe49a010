import type { BackupConfig } from './backup-variables.js';
import type { RetentionPolicy } from './retention-variables.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Secret } from './secret.js';
import type { JobLimits } from '../jobs/runner-types.js';
import { type EngineKeyName, engineConfig, engineProblems, type EnginesConfig } from './engine-variables.js';
import { type StorageConfig, storageConfig, type StorageKeyName, storageProblems } from './storage-variables.js';
import { privacyProblems } from './privacy-variables.js';
import type { PrivacyMode } from '../storage/privacy-policy.js';
import {
  type LOG_LEVELS,
  publicVariables,
  secretVariables,
  type SecretVariableName,
  type VariableSpec,
} from './variables.js';

export type DatabaseConfig = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: Secret };

export interface Config {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly trustProxy: readonly string[];
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly database: DatabaseConfig;
  readonly mail: { readonly smtpUrl: Secret | undefined; readonly from: string };
  readonly magicLinkTtlMs: number;
  readonly webauthn: { readonly rpId: string; readonly rpName: string; readonly origins: readonly string[] };
  readonly apiKeys: { readonly defaultDays: number; readonly maxDays: number };
  readonly allowLegacyTokenLogin: boolean;
  /** Largest upload of each kind, in bytes. */
  readonly uploadLimits: { readonly video: number; readonly image: number; readonly audio: number; readonly subtitles: number; readonly data: number };
  /** Per-user upload rules: storage quota, unfinished uploads at once, and when an idle one expires. */
  readonly uploadPolicy: { readonly quotaBytes: number; readonly maxConcurrent: number; readonly expiryMs: number };
  /** What validation accepts of media. */
  readonly jobs: JobsConfig;
  readonly mediaLimits: { readonly maxVideoSeconds: number; readonly maxAudioSeconds: number; readonly maxImagePixels: number };
  /** Directories the server file picker may list; empty: off. */
  readonly filePickerRoots: readonly string[];
  /** Binaries named by the operator; unset ones are looked up (see media/toolchain.ts). */
  readonly media: { readonly ffmpegPath: string | undefined; readonly ffprobePath: string | undefined };
  /** How dubs fit and mix their lines. */
  readonly dub: { readonly maxTempo: number; readonly duckDb: number; readonly rendersKept: number; readonly mobileMaxHeight: number };
  readonly library: { readonly trashDays: number; readonly hardDelete: boolean };
  /** Where backups go, how often, how many are kept. */
  readonly backup: BackupConfig;
  /** What a retention run removes, by age (TRASH_DAYS included). */
  readonly retention: RetentionPolicy;
  /** The admin's privacy rules (encryption is read from `storage`). */
  readonly privacy: { readonly defaultMode: PrivacyMode; readonly leastMode: PrivacyMode; readonly minimalNeedsEncryption: boolean };
  readonly generation: { readonly promptMax: number; readonly dailyLimit: number; readonly dailyGpuSeconds: number };
  /** Single sign-on; undefined when OIDC_ISSUER is unset. */
  readonly oidc: OidcConfig | undefined;
  readonly passwords: {
    readonly policy: 'nist' | 'composition';
    readonly argon2: { readonly memoryCost: number; readonly timeCost: number; readonly parallelism: number };
    readonly hashConcurrency: number;
  };
  readonly sessions: { readonly accessTokenTtlMs: number; readonly idleTimeoutMs: number; readonly maxAgeMs: number; readonly sudoWindowMs: number };
  /** Secrets the operator supplied; missing keys are generated later (see generated-secrets.ts). */
  readonly secrets: { readonly [K in Exclude<SecretVariableName, 'DATABASE_URL' | 'SMTP_URL' | 'OIDC_CLIENT_SECRET' | EngineKeyName | StorageKeyName>]?: Secret };
  /** The dubbing engines (see engine-variables.ts); keys stay Secret until the worker's client sends them. */
  readonly engines: EnginesConfig;
  /** Where blobs live (local disk or S3) and whether they are encrypted at rest. */
  readonly storage: StorageConfig;
}

export interface JobsConfig {
  readonly embeddedWorker: boolean;
  /** Jobs one worker process runs at once. */
  readonly workerSlots: number;
  /** Whether the test-only `selftest` job type is registered. */
  readonly selftest: boolean;
  readonly caps: {
    readonly maxRunning: number;
    readonly maxRunningPerUser: number;
    readonly gpuSlots: number;
    readonly maxQueued: number;
    readonly maxQueuedPerUser: number;
    /** Submissions per user per UTC day; 0: no quota. */
    readonly dailyQuota: number;
  };
  readonly limits: JobLimits;
  readonly retry: { readonly maxAttempts: number; readonly baseDelayMs: number };
  readonly leaseMs: number;
  readonly requireSandbox: boolean;
  /** Whether one job process is kept started ahead of the next job (warm-start.ts). */
  readonly warmStart: boolean;
  readonly bwrapPath: string | undefined;
  /** Job processes run as this uid/gid when Sakuga runs as root. */
  readonly runAs: { readonly uid: number; readonly gid: number };
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: Secret | undefined;
  /** Where the provider sends the browser back: PUBLIC_URL + /api/auth/oidc/callback. */
  readonly redirectUri: string;
  readonly providerName: string;
  readonly scopes: readonly string[];
  readonly autoProvision: boolean;
  readonly defaultRole: 'viewer' | 'operator' | 'editor';
  readonly linkByEmail: boolean;
}

/** Every invalid variable at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;
type FileReader = (path: string) => string;

const KNOWN_PREFIX = 'SAKUGA_';

/**
 * Parses the environment once into a frozen, typed Config. Throws ConfigError
 * listing every problem; messages name the variable but never echo a secret.
 */
export function loadConfig(env: Env, readFile: FileReader = (path) => readFileSync(path, 'utf8')): Config {
  const problems: string[] = [];
  const values = new Map<string, unknown>();

  const take = (name: string, spec: VariableSpec<unknown>): void => {
    const raw = rawValue(name, spec, env, readFile, problems);
    const input = raw ?? spec.default;
    if (input === undefined) return;
    try {
      values.set(name, spec.parse(input));
    } catch (error) {
      const where = raw === undefined ? `${name} (default)` : name;
      problems.push(`${where}: ${(error as Error).message}`);
    }
  };

  for (const [name, spec] of Object.entries(publicVariables)) take(name, spec);
  for (const [name, spec] of Object.entries(secretVariables)) take(name, spec);
  problems.push(...unknownVariables(env));
  if (problems.length === 0 && (values.get('SESSION_IDLE_TIMEOUT') as number) > (values.get('SESSION_MAX_AGE') as number)) {
    problems.push('SESSION_IDLE_TIMEOUT: must not be longer than SESSION_MAX_AGE');
  }
  if (problems.length === 0 && (values.get('API_KEY_DEFAULT_DAYS') as number) > (values.get('API_KEY_MAX_DAYS') as number)) {
    problems.push('API_KEY_DEFAULT_DAYS: must not be longer than API_KEY_MAX_DAYS');
  }
  if (values.has('OIDC_ISSUER')) {
    if (!values.has('PUBLIC_URL')) problems.push('OIDC_ISSUER: needs PUBLIC_URL (the provider sends people back to it)');
    if (!values.has('OIDC_CLIENT_ID')) problems.push('OIDC_ISSUER: needs OIDC_CLIENT_ID');
  }

  if (problems.length === 0) problems.push(...engineProblems((name) => values.get(name)), ...storageProblems((name) => values.get(name)), ...privacyProblems((name) => values.get(name)));

  if (problems.length > 0) throw new ConfigError(problems);

  const get = <T>(name: string): T => values.get(name) as T;
  const secret = (name: SecretVariableName): Secret | undefined => {
    const value = get<string | undefined>(name);
    return value === undefined ? undefined : new Secret(value);
  };

  const dataDir = resolve(get<string>('SAKUGA_DATA_DIR'));
  const databaseUrl = secret('DATABASE_URL');
  const secretKey = secret('SAKUGA_SECRET_KEY');
  const encryptionKey = secret('SAKUGA_ENCRYPTION_KEY');

  return deepFreeze({
    dataDir,
    host: get<string>('HOST').trim(),
    port: get<number>('PORT'),
    publicUrl: get<string | undefined>('PUBLIC_URL'),
    logLevel: get<Config['logLevel']>('LOG_LEVEL'),
    trustProxy: get<string[]>('TRUST_PROXY'),
    corsOrigins: get<string[]>('CORS_ORIGINS'),
    bodyLimitBytes: get<number>('BODY_LIMIT_BYTES'),
    shutdownTimeoutMs: get<number>('SHUTDOWN_TIMEOUT_MS'),
    mail: { smtpUrl: secret('SMTP_URL'), from: get<string>('SMTP_FROM') },
    magicLinkTtlMs: get<number>('MAGIC_LINK_TTL'),
    webauthn: webauthnSettings(get<string | undefined>('PUBLIC_URL'), get<number>('PORT'), get<string | undefined>('WEBAUTHN_RP_ID'), get<string[]>('WEBAUTHN_ORIGINS')),
    allowLegacyTokenLogin: get<boolean>('ALLOW_LEGACY_TOKEN_LOGIN'),
    uploadLimits: {
      video: get<number>('UPLOAD_MAX_VIDEO_BYTES'),
      image: get<number>('UPLOAD_MAX_IMAGE_BYTES'),
      audio: get<number>('UPLOAD_MAX_AUDIO_BYTES'),
      subtitles: get<number>('UPLOAD_MAX_SUBTITLES_BYTES'),
      data: get<number>('UPLOAD_MAX_DATA_BYTES'),
    },
    uploadPolicy: { quotaBytes: get<number>('UPLOAD_QUOTA_BYTES'), maxConcurrent: get<number>('MAX_CONCURRENT_UPLOADS'), expiryMs: get<number>('UPLOAD_EXPIRY') },
    mediaLimits: {
      maxVideoSeconds: get<number>('MAX_VIDEO_MIN') * 60,
      maxAudioSeconds: get<number>('MAX_AUDIO_SECONDS'),
      maxImagePixels: get<number>('IMAGE_MAX_PIXELS'),
    },
    filePickerRoots: get<string[]>('FILE_PICKER_ROOTS'),
    jobs: {
      embeddedWorker: get<boolean>('EMBEDDED_WORKER'),
      workerSlots: get<number>('WORKER_SLOTS'),
      selftest: get<boolean>('SAKUGA_SELFTEST_JOBS'),
      caps: {
        maxRunning: get<number>('JOBS_MAX_RUNNING'),
        maxRunningPerUser: get<number>('JOBS_MAX_RUNNING_PER_USER'),
        gpuSlots: get<number>('JOBS_GPU_SLOTS'),
        maxQueued: get<number>('JOBS_MAX_QUEUED'),
        maxQueuedPerUser: get<number>('JOBS_MAX_QUEUED_PER_USER'),
        dailyQuota: get<number>('JOBS_DAILY_QUOTA'),
      },
      limits: {
        timeoutMs: get<number>('JOB_TIMEOUT'),
        memoryBytes: get<number>('JOB_MEMORY_MB') * 1024 * 1024,
        cpuSeconds: Math.ceil(get<number>('JOB_CPU_TIME') / 1000),
        fileBytes: get<number>('JOB_MAX_FILE_MB') * 1024 * 1024,
        processes: get<number>('JOB_MAX_PROCESSES'),
      },
      retry: { maxAttempts: get<number>('JOB_MAX_ATTEMPTS'), baseDelayMs: get<number>('JOB_RETRY_DELAY') },
      leaseMs: get<number>('JOB_LEASE'),
      requireSandbox: get<boolean>('REQUIRE_SANDBOX'),
      warmStart: get<boolean>('JOB_WARM_START'),
      bwrapPath: get<string | undefined>('BWRAP_PATH')?.trim(),
      runAs: { uid: get<number>('JOB_UID'), gid: get<number>('JOB_GID') },
    },
    media: { ffmpegPath: get<string | undefined>('FFMPEG_PATH')?.trim(), ffprobePath: get<string | undefined>('FFPROBE_PATH')?.trim() },
    library: { trashDays: get<number>('TRASH_DAYS'), hardDelete: get<boolean>('ENABLE_HARD_DELETE') },
    backup: {
      dir: values.has('BACKUP_DIR') ? resolve(get<string>('BACKUP_DIR')) : `${dataDir}-backups`,
      intervalMs: get<number>('BACKUP_INTERVAL'),
      keep: get<number>('BACKUP_KEEP'),
    },
    retention: {
      unusedUploadDays: get<number>('RETENTION_UNUSED_UPLOAD_DAYS'),
      logDays: get<number>('RETENTION_LOG_DAYS'),
      outputDays: get<number>('RETENTION_OUTPUT_DAYS'),
      trashDays: get<number>('TRASH_DAYS'),
      intervalMs: get<number>('RETENTION_INTERVAL'),
    },
    privacy: { defaultMode: get<PrivacyMode>('PRIVACY_MODE'), leastMode: get<PrivacyMode>('PRIVACY_LEAST_MODE'), minimalNeedsEncryption: get<boolean>('PRIVACY_MINIMAL_REQUIRES_ENCRYPTION') },
    dub: { maxTempo: get<number>('DUB_MAX_TEMPO'), duckDb: get<number>('DUB_DUCK_DB'), rendersKept: get<number>('DUB_RENDERS_KEPT'), mobileMaxHeight: get<number>('DUB_MOBILE_MAX_HEIGHT') },
    generation: { promptMax: get<number>('GENERATE_PROMPT_MAX'), dailyLimit: get<number>('GENERATE_DAILY_LIMIT'), dailyGpuSeconds: get<number>('GENERATE_DAILY_GPU_SECONDS') },
    apiKeys: { defaultDays: get<number>('API_KEY_DEFAULT_DAYS'), maxDays: get<number>('API_KEY_MAX_DAYS') },
    oidc: values.has('OIDC_ISSUER')
      ? {
          issuer: get<string>('OIDC_ISSUER'),
          clientId: get<string>('OIDC_CLIENT_ID').trim(),
          clientSecret: secret('OIDC_CLIENT_SECRET'),
          redirectUri: `${get<string>('PUBLIC_URL')}/api/auth/oidc/callback`,
          providerName: get<string>('OIDC_PROVIDER_NAME').trim(),
          scopes: get<string[]>('OIDC_SCOPES'),
          autoProvision: get<boolean>('OIDC_AUTO_PROVISION'),
          defaultRole: get<OidcConfig['defaultRole']>('OIDC_DEFAULT_ROLE'),
          linkByEmail: get<boolean>('OIDC_LINK_BY_EMAIL'),
        }
      : undefined,
    passwords: {
      policy: get<'nist' | 'composition'>('PASSWORD_POLICY'),
      argon2: {
        memoryCost: get<number>('ARGON2_MEMORY_KIB'),
        timeCost: get<number>('ARGON2_TIME_COST'),
        parallelism: get<number>('ARGON2_PARALLELISM'),
      },
      hashConcurrency: get<number>('PASSWORD_HASH_CONCURRENCY'),
    },
    sessions: {
      accessTokenTtlMs: get<number>('ACCESS_TOKEN_TTL'),
      idleTimeoutMs: get<number>('SESSION_IDLE_TIMEOUT'),
      maxAgeMs: get<number>('SESSION_MAX_AGE'),
      sudoWindowMs: get<number>('SUDO_WINDOW'),
    },
    engines: engineConfig((name) => values.get(name), secret),
    storage: storageConfig((name) => values.get(name), secret),
    database: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'sqlite', file: resolve(dataDir, 'sakuga.db') },
    secrets: {
      ...(secretKey && { SAKUGA_SECRET_KEY: secretKey }),
      ...(encryptionKey && { SAKUGA_ENCRYPTION_KEY: encryptionKey }),
    },
  } satisfies Config);
}

/** Passkeys are bound to a domain; by default the one people reach Sakuga at. */
function webauthnSettings(publicUrl: string | undefined, port: number, rpId: string | undefined, origins: string[]): Config['webauthn'] {
  const fallbackOrigin = publicUrl ? new URL(publicUrl).origin : `http://localhost:${port}`;
  return {
    rpId: rpId?.trim() ?? (publicUrl ? new URL(publicUrl).hostname : 'localhost'),
    rpName: 'Sakuga',
    origins: origins.length > 0 ? origins : [fallbackOrigin],
  };
}

/** Reads NAME, or for secrets NAME_FILE; an empty string counts as unset. */
function rawValue(
  name: string,
  spec: VariableSpec<unknown>,
  env: Env,
  readFile: FileReader,
  problems: string[],
): string | undefined {
  const direct = env[name] === '' ? undefined : env[name];
  const fileVar = `${name}_FILE`;
  const filePath = env[fileVar] === '' ? undefined : env[fileVar];
  if (!spec.secret) {
    if (filePath !== undefined) problems.push(`${fileVar}: only secrets can be read from a file; set ${name} instead`);
    return direct;
  }
  if (direct !== undefined && filePath !== undefined) {
    problems.push(`${name}: set either ${name} or ${fileVar}, not both`);
    return undefined;
  }
  if (filePath === undefined) return direct;
  try {
    // A trailing newline is what editors and `echo` add; it is never part of a secret.
    return readFile(filePath).replace(/\r?\n$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(`${fileVar}: cannot read the file it names (${code})`);
    return undefined;
  }
}

/** A misspelt SAKUGA_* variable would otherwise be silently ignored. */
function unknownVariables(env: Env): string[] {
  const known = new Set<string>();
  for (const name of Object.keys(publicVariables)) known.add(name);
  for (const name of Object.keys(secretVariables)) known.add(name).add(`${name}_FILE`);
  return Object.keys(env)
    .filter((name) => name.startsWith(KNOWN_PREFIX) && !known.has(name))
    .map((name) => `${name}: unknown variable (see .env.example for the supported ones)`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
