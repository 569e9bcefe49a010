import { Metadata } from '@tus/utils';
import type { Principal } from '../access/principal.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { uploadErrors } from './errors.js';
import { extensionOf, isUploadKind, sanitiseFilename, UPLOAD_KINDS, type UploadKind } from './kinds.js';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { authErrors } from '../auth/errors.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { jobErrors } from '../jobs/errors.js';
import {
  countReceiving,
  deleteUpload,
  findOwnUpload,
  findUpload,
  insertUpload,
  listOwnUploads,
  recordVerdict,
  setUploadStatus,
  type UploadRow,
  uploadsIn,
  usageOf,
} from './store.js';
import { validateUpload, type ValidationDeps } from './validation.js';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../db/keyset-cursor.js';

export interface NewUpload {
  readonly kind: UploadKind;
  readonly filename: string;
  readonly size: number;
}

export interface UploadView {
  readonly id: string;
  readonly kind: string;
  readonly filename: string;
  readonly size: number;
  readonly status: UploadRow['status'];
  readonly reason?: string;
  readonly sha256?: string;
  readonly media?: Record<string, unknown>;
  readonly created_at: string;
}

export type UploadService = ReturnType<typeof createUploadService>;

/** What a client may upload, so a page can say before sending a byte that a file will not be taken. */
export interface UploadLimitsView {
  readonly kinds: Array<{ readonly kind: UploadKind; readonly extensions: string[]; readonly max_bytes: number }>;
  readonly max_video_seconds: number;
  readonly max_audio_seconds: number;
}

const CREATIONS_PER_WINDOW = 60;
const DEFAULT_PAGE = 20;
const UPLOAD_ID = /^[0-9a-f]{32}$/;
const CREATION_WINDOW_MS = 10 * 60_000;

/**
 * The rules around tus uploads: what may be created (kind, extension, size
 * within the kind's limit, known up front), who may touch one (its owner
 * only; anyone else gets the 404 a missing upload gets), and its status.
 */
export function createUploadService(deps: {
  db: Db;
  limits: Config['uploadLimits'];
  policy: Config['uploadPolicy'];
  throttle: LoginThrottle;
  /** Where the tus file store keeps uploads: `<id>` and its `<id>.json`. */
  directory: string;
  validation: ValidationDeps;
  audit: AuditLog;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const record = auditTrail(deps.audit, 'upload');

  /** Checks a creation request's headers before a byte is accepted. */
  function checkCreation(headers: { uploadLength: string | undefined; uploadMetadata: string | undefined }): NewUpload {
    let metadata: Record<string, string | null>;
    try {
      metadata = Metadata.parse(headers.uploadMetadata ?? '');
    } catch {
      throw new AppError(uploadErrors.upload_kind_invalid);
    }
    const kind = metadata.kind;
    if (!isUploadKind(kind)) throw new AppError(uploadErrors.upload_kind_invalid);
    if (!metadata.filename) throw new AppError(uploadErrors.upload_filename_missing);
    const filename = sanitiseFilename(metadata.filename);
    if (!(UPLOAD_KINDS[kind] as readonly string[]).includes(extensionOf(filename))) throw new AppError(uploadErrors.extension_not_allowed);
    if (headers.uploadLength === undefined || !/^\d{1,16}$/.test(headers.uploadLength)) throw new AppError(uploadErrors.upload_length_required);
    const size = Number(headers.uploadLength);
    checkSize(kind, size);
    return { kind, filename, size };
  }

  /** The kind's size limit, checked before a byte is written. */
  function checkSize(kind: UploadKind, size: number): void {
    if (size > deps.limits[kind]) throw new AppError(uploadErrors.upload_too_large, `A ${kind} upload may be at most ${deps.limits[kind]} bytes.`);
  }

  /** Per-user rules at creation: a creation rate, unfinished uploads at once, and the storage quota. */
  async function admit(principal: Principal, upload: NewUpload): Promise<void> {
    if (!(await deps.throttle.withinLimit(`upload-create:${principal.userId}`, CREATIONS_PER_WINDOW, CREATION_WINDOW_MS))) {
      throw new AppError(authErrors.rate_limited, undefined, { retryAfterSeconds: CREATION_WINDOW_MS / 1000 });
    }
    if ((await countReceiving(deps.db, principal.userId)) >= deps.policy.maxConcurrent) throw new AppError(uploadErrors.too_many_uploads, undefined, { retryAfterSeconds: 60 });
    if ((await usageOf(deps.db, principal.userId)) + upload.size > deps.policy.quotaBytes) throw new AppError(uploadErrors.quota_exceeded);
  }

  async function recordCreated(principal: Principal, id: string, upload: NewUpload, client: { ip: string; requestId: string }): Promise<void> {
    const at = now().toISOString();
    await insertUpload(deps.db, {
      id,
      user_id: principal.userId,
      kind: upload.kind,
      filename: upload.filename,
      declared_size: upload.size,
      status: 'receiving',
      reason: null,
      media: null,
      sha256: null,
      created_at: at,
      updated_at: at,
    });
    await record('upload.created', 'success', principal, client, id, { kind: upload.kind, size: upload.size });
  }

  async function own(principal: Principal, id: string): Promise<UploadRow> {
    const row = UPLOAD_ID.test(id) ? await findOwnUpload(deps.db, principal.userId, id) : undefined;
    if (!row) throw new AppError(uploadErrors.upload_not_found);
    return row;
  }

  function view(row: UploadRow): UploadView {
    return {
      id: row.id,
      kind: row.kind,
      filename: row.filename,
      size: row.declared_size,
      status: row.status,
      ...(row.reason !== null && { reason: row.reason }),
      ...(row.sha256 !== null && { sha256: row.sha256 }),
      ...(row.media !== null && { media: JSON.parse(row.media) as Record<string, unknown> }),
      created_at: row.created_at,
    };
  }

  /** The caller's own uploads, newest first; `next_cursor` when there are more. */
  async function list(principal: Principal, query: { cursor?: string; limit?: number }): Promise<{ uploads: UploadView[]; next_cursor?: string }> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = await listOwnUploads(deps.db, { userId: principal.userId, ...(after && { after }), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { uploads: page.map(view), ...(rows.length > limit && last && { next_cursor: encodeKeysetCursor(last) }) };
  }

  function limits(): UploadLimitsView {
    return {
      kinds: Object.entries(UPLOAD_KINDS).map(([kind, extensions]) => ({ kind: kind as UploadKind, extensions: [...extensions], max_bytes: deps.limits[kind as UploadKind] })),
      max_video_seconds: deps.validation.limits.maxVideoSeconds,
      max_audio_seconds: deps.validation.limits.maxAudioSeconds,
    };
  }

  /**
   * All bytes are in: validation takes over (status `validating`) and decides
   * `accepted` or `rejected`; a rejected file is deleted at once. Runs after
   * the last PATCH is answered; clients poll GET /api/uploads/:id.
   */
  async function finished(id: string): Promise<void> {
    await setUploadStatus(deps.db, id, 'validating', now().toISOString());
    void validate(id);
  }

  async function validate(id: string): Promise<void> {
    const row = await findUpload(deps.db, id);
    if (!row || !isUploadKind(row.kind)) return;
    const path = join(deps.directory, id);
    const verdict = await validateUpload(path, { kind: row.kind, filename: row.filename, declaredSize: row.declared_size }, deps.validation).catch(
      () => ({ ok: false, reason: 'unreadable_media' }) as const,
    );
    const at = now().toISOString();
    if (verdict.ok) {
      await recordVerdict(deps.db, id, { status: 'accepted', sha256: verdict.sha256, media: JSON.stringify(verdict.media) }, at);
    } else {
      await removeFiles(id);
      await recordVerdict(deps.db, id, { status: 'rejected', reason: verdict.reason }, at);
    }
    await deps.audit.record({
      action: verdict.ok ? 'upload.validated' : 'upload.rejected',
      result: verdict.ok ? 'success' : 'denied',
      actor: { type: 'user', id: row.user_id },
      target: `upload:${id}`,
      details: verdict.ok ? { kind: row.kind } : { kind: row.kind, reason: verdict.reason },
    });
  }
  const terminated = (id: string) => deleteUpload(deps.db, id);

  /** Deletes the files of an upload that will never be used. */
  async function removeFiles(id: string): Promise<void> {
    const path = join(deps.directory, id);
    await rm(path, { force: true });
    await rm(`${path}.json`, { force: true });
  }

  /** The disk filled up while receiving: the partial upload is removed entirely, not left half-written. */
  async function failedForSpace(id: string): Promise<void> {
    if (!/^[0-9a-f]{32}$/.test(id)) return;
    const row = await findUpload(deps.db, id);
    await removeFiles(id);
    await deleteUpload(deps.db, id);
    await deps.audit.record({ action: 'upload.failed', result: 'failure', actor: row ? { type: 'user', id: row.user_id } : { type: 'system' }, target: `upload:${id}`, details: { reason: 'storage_full' } });
  }

  /**
   * Deletes unfinished uploads that received nothing for UPLOAD_EXPIRY (the
   * file's modification time is its last PATCH). Run on a schedule by `serve`.
   */
  async function expireStale(): Promise<number> {
    const cutoff = now().getTime() - deps.policy.expiryMs;
    let expired = 0;
    for (const row of await uploadsIn(deps.db, 'receiving', new Date(cutoff).toISOString())) {
      const lastWrite = (await stat(join(deps.directory, row.id)).catch(() => undefined))?.mtimeMs ?? 0;
      if (lastWrite > cutoff) continue;
      await removeFiles(row.id);
      await deleteUpload(deps.db, row.id);
      await deps.audit.record({ action: 'upload.expired', result: 'success', actor: { type: 'system' }, target: `upload:${row.id}`, details: { owner: row.user_id } });
      expired += 1;
    }
    return expired;
  }

  /** Uploads a crash left mid-validation are validated again (every step is safe to repeat). */
  async function resumeValidation(): Promise<number> {
    const pending = await uploadsIn(deps.db, 'validating', now().toISOString());
    for (const row of pending) await validate(row.id);
    return pending.length;
  }

  return {
    checkCreation,
    checkSize,
    admit,
    recordCreated,
    own,
    view,
    list,
    limits,
    finished,
    terminated,
    expireStale,
    resumeValidation,
    failedForSpace,
    largestLimit: Math.max(...Object.values(deps.limits)),
  };
}

function decodeCursor(cursor: string): KeysetPosition {
  const position = decodeKeysetCursor(cursor, UPLOAD_ID);
  if (!position) throw new AppError(jobErrors.invalid_cursor);
  return position;
}
