import type { Generated, Kysely } from 'kysely';
import type { BlobsTable, ShredLedgerTable, StorageKeysTable } from '../storage/tables.js';
import type { PrivacyMode } from '../storage/privacy-policy.js';

/** Timestamps are ISO-8601 UTC strings in both dialects, so they sort as text. */
export type IsoTime = string;

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled_at: IsoTime | null;
  created_at: IsoTime;
  updated_at: IsoTime;
  totp_secret_sealed: string | null;
  totp_pending_sealed: string | null;
  totp_enabled_at: IsoTime | null;
  totp_last_step: number | null;
  email: string | null;
  email_verified_at: IsoTime | null;
  /** The name shown on what the user publishes in the gallery; null: none shown. */
  display_name: string | null;
}

/** At most one row: the SHA-256 of the pending first-run setup token. */
export interface SetupTokenTable {
  id: number;
  token_hash: string;
  created_at: IsoTime;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  mode: 'token' | 'cookie';
  cookie_token_hash: string | null;
  device_name: string | null;
  user_agent: string | null;
  created_at: IsoTime;
  created_ip: string | null;
  last_seen_at: IsoTime;
  last_seen_ip: string | null;
  idle_expires_at: IsoTime;
  absolute_expires_at: IsoTime;
  revoked_at: IsoTime | null;
  revoked_reason: string | null;
  reauth_at: IsoTime | null;
}

export interface AccessTokensTable {
  token_hash: string;
  session_id: string;
  expires_at: IsoTime;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: IsoTime;
  used_at: IsoTime | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: IsoTime;
  locked_until: IsoTime | null;
  hard_locked: number;
  updated_at: IsoTime;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  created_at: IsoTime;
  used_at: IsoTime | null;
}

export interface MagicLinksTable {
  token_hash: string;
  user_id: string;
  email: string;
  purpose: 'sign_in' | 'verify_email';
  created_at: IsoTime;
  expires_at: IsoTime;
  used_at: IsoTime | null;
}

export interface QrLoginsTable {
  id: string;
  poll_token_hash: string;
  user_code_hash: string;
  requester_ip: string | null;
  requester_user_agent: string | null;
  requester_device_name: string | null;
  created_at: IsoTime;
  expires_at: IsoTime;
  failed_approvals: number;
  approved_by: string | null;
  approved_at: IsoTime | null;
  redeemed_at: IsoTime | null;
}

export interface PasskeysTable {
  id: string;
  user_id: string;
  name: string;
  public_key: string;
  counter: number;
  transports: string | null;
  created_at: IsoTime;
  last_used_at: IsoTime | null;
}

export interface WebauthnChallengesTable {
  id: string;
  challenge: string;
  purpose: 'register' | 'login' | 'reauth';
  user_id: string | null;
  expires_at: IsoTime;
}

export interface OidcIdentitiesTable {
  id: string;
  issuer: string;
  subject: string;
  user_id: string;
  email: string | null;
  created_at: IsoTime;
  last_login_at: IsoTime | null;
}

export interface OidcLoginsTable {
  id: string;
  created_at: IsoTime;
  expires_at: IsoTime;
  link_user_id: string | null;
  callback_at: IsoTime | null;
  user_id: string | null;
  used_at: IsoTime | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  scopes: string;
  allowed_cidrs: string | null;
  require_signature: number;
  signing_secret_sealed: string | null;
  created_by_key_id: string | null;
  created_at: IsoTime;
  expires_at: IsoTime;
  revoked_at: IsoTime | null;
  last_used_at: IsoTime | null;
  last_used_ip: string | null;
}

export interface RequestNoncesTable {
  key_id: string;
  nonce: string;
  expires_at: IsoTime;
}

export interface UploadsTable {
  id: string;
  user_id: string;
  kind: string;
  filename: string;
  declared_size: number;
  status: 'receiving' | 'validating' | 'accepted' | 'rejected';
  reason: string | null;
  media: string | null;
  sha256: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  user_id: string;
  type: string;
  class: 'cpu' | 'gpu';
  title: string;
  options: string;
  stages: string;
  /** JSON array of the stages an import made unnecessary, or null. */
  skipped_stages: string | null;
  status: JobStatus;
  checkpoint: number;
  progress: number;
  attempts: number;
  run_after: IsoTime;
  lease_owner: string | null;
  lease_expires_at: IsoTime | null;
  cancel_requested: number;
  failure_code: string | null;
  failure_message: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  archived: number;
  /** The dub's current render (1 for the first run; a re-render adds one). */
  render: number;
  /** The job this one was made for (a dub, for its line previews); null for a job of its own. */
  parent_id: string | null;
  /** The owner's notes (the library). */
  notes: string | null;
  /** In the trash since; null: not in it. */
  trashed_at: IsoTime | null;
  /** off, balanced or minimal (storage/privacy-policy.ts), fixed at submission. */
  privacy_mode: PrivacyMode;
  created_at: IsoTime;
  started_at: IsoTime | null;
  finished_at: IsoTime | null;
  updated_at: IsoTime;
}

/** A retention run and its report (retention/service.ts). */
export interface RetentionRunsTable {
  id: string;
  trigger: 'schedule' | 'command' | 'admin';
  /** 1: it only counted what it would remove. */
  dry_run: number;
  started_at: IsoTime;
  finished_at: IsoTime;
  /** JSON: the RetentionReport. */
  report: string;
}

/** A backup made or verified (backup/service.ts). */
export interface BackupRunsTable {
  id: string;
  kind: 'create' | 'verify';
  trigger: 'schedule' | 'admin';
  /** The backup's name; null when a create failed before it had one. */
  snapshot: string | null;
  started_at: IsoTime;
  finished_at: IsoTime;
  ok: number;
  /** JSON: counts, or the problems found, or why it failed (never a path or a secret). */
  detail: string;
}

export interface DubSegmentsTable {
  job_id: string;
  id: string;
  position: number;
  start_ms: number;
  end_ms: number;
  speaker: string | null;
  source_text: string | null;
  target_text: string | null;
  voice: string | null;
  locked: number;
  hash: string | null;
  clip_sha256: string | null;
  clip_ms: number | null;
  tempo: number | null;
  overflow_ms: number | null;
  warnings: string;
  updated_at: IsoTime;
}

/** An earlier render of a dub, kept as a version: what it produced, as recorded then. */
export interface JobRendersTable {
  job_id: string;
  render: number;
  finished_at: IsoTime;
  /** JSON [{name, stage, size, sha256}]. */
  artifacts: string;
  created_at: IsoTime;
}

export interface JobTurnsTable {
  user_id: string;
  last_claim_at: IsoTime;
}

export interface JobTagsTable {
  job_id: string;
  tag: string;
}

export interface JobEventsTable {
  id: Generated<number>;
  job_id: string;
  kind: 'state' | 'stage' | 'progress' | 'preview';
  data: string;
  created_at: IsoTime;
}

export interface JobLogsTable {
  id: Generated<number>;
  job_id: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: string | null;
  created_at: IsoTime;
}

export interface JobArtifactsTable {
  job_id: string;
  name: string;
  stage: number;
  size: number;
  sha256: string;
  created_at: IsoTime;
}

export interface ProjectsTable {
  id: string;
  user_id: string;
  name: string;
  head_version_id: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface GenerationVersionsTable {
  id: string;
  project_id: string;
  job_id: string;
  number: number;
  parent_id: string | null;
  prompt: string;
  negative_prompt: string | null;
  /** JSON: template, output, width, height, steps, frames, reference_upload_id. */
  params: string;
  /** bigint: PostgreSQL hands it back as a string; stores convert. */
  seed: number;
  created_at: IsoTime;
}

export interface GenerationOutputsTable {
  id: string;
  version_id: string;
  user_id: string;
  job_id: string;
  artifact: string;
  position: number;
  kind: 'image' | 'video';
  format: string;
  bytes: number;
  width: number | null;
  height: number | null;
  visibility: 'private' | 'public';
  published_at: IsoTime | null;
  hidden_at: IsoTime | null;
  created_at: IsoTime;
}

export interface ShareLinksTable {
  id: string;
  token_hash: string;
  output_id: string;
  user_id: string;
  created_at: IsoTime;
  expires_at: IsoTime | null;
  revoked_at: IsoTime | null;
}

export interface GenerationUsageTable {
  job_id: string;
  user_id: string;
  day: string;
  engine_ms: number;
}

export interface JobPreviewsTable {
  job_id: string;
  /** Counts the frames of this job: the event that announces one names it, so a browser asks for the frame it was told of. */
  seq: number;
  media_type: string;
  created_at: string;
}

/** A person's defaults for new jobs; null where they keep the server's. */
export interface UserSettingsTable {
  user_id: string;
  target_language: string | null;
  voice: string | null;
  privacy_mode: 'off' | 'balanced' | 'minimal' | null;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  setup_token: SetupTokenTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  refresh_tokens: RefreshTokensTable;
  login_throttle: LoginThrottleTable;
  recovery_codes: RecoveryCodesTable;
  magic_links: MagicLinksTable;
  qr_logins: QrLoginsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_logins: OidcLoginsTable;
  api_keys: ApiKeysTable;
  request_nonces: RequestNoncesTable;
  uploads: UploadsTable;
  jobs: JobsTable;
  job_tags: JobTagsTable;
  job_turns: JobTurnsTable;
  job_events: JobEventsTable;
  job_logs: JobLogsTable;
  job_artifacts: JobArtifactsTable;
  dub_segments: DubSegmentsTable;
  job_renders: JobRendersTable;
  projects: ProjectsTable;
  generation_versions: GenerationVersionsTable;
  generation_outputs: GenerationOutputsTable;
  share_links: ShareLinksTable;
  generation_usage: GenerationUsageTable;
  job_previews: JobPreviewsTable;
  blobs: BlobsTable;
  storage_keys: StorageKeysTable;
  shred_ledger: ShredLedgerTable;
  user_settings: UserSettingsTable;
  retention_runs: RetentionRunsTable;
  backup_runs: BackupRunsTable;
}

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';
