import { Metadata } from '@tus/utils';
import type { Principal } from '../access/principal.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/types.js';
import { AppError } from '../http/app-error.js';
import { type AuditLog, auditTrail } from '../ops/audit.js';
import { uploadErrors } from './errors.js';
import { extensionOf, isUploadKind, sanitiseFilename, UPLOAD_KINDS, type UploadKind } from './kinds.js';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageUnavailable } from '../storage/object-store.js';
import type { UploadFiles } from './upload-files.js';
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
import { checkHead, HEAD_BYTES, validateUpload, type ValidationDeps, type Verdict } from './validation.js';
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
  /** The uploads' bytes, in the blob store. */
  files: UploadFiles;
  /** A private directory (0700) where validation reads an upload as a plain file; emptied after each. */
  scratchDir: string;
  validation: ValidationDeps;
  audit: AuditLog;
  /** A validation that could not finish (the storage not answering): the upload stays `validating`, tried again by the upkeep. */
  onValidationError?: (id: string, error: unknown) => void;
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
    void validate(id).catch((error: unknown) => deps.onValidationError?.(id, error));
  }

  /** Uploads being validated in this process: a retry never runs beside the validation it repeats. */
  const validating = new Set<string>();

  /**
   * The validators read a plain file, so the upload's bytes are written out
   * to a private scratch directory for the time it takes (like a job's
   * working files), then removed. What is kept is stored back into the blob
   * store: the validated bytes (an image without its metadata), one blob.
   */
  async function validate(id: string): Promise<void> {
    if (validating.has(id)) return;
    validating.add(id);
    const dir = join(deps.scratchDir, id);
    try {
      const row = await findUpload(deps.db, id);
      if (!row || !isUploadKind(row.kind)) return;
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, 'upload');
      const upload = { kind: row.kind, filename: row.filename, declaredSize: row.declared_size };
      let verdict: Verdict;
      try {
        // What the first bytes decide is decided before the whole upload is written out.
        const early = await checkHead(await deps.files.head(id, HEAD_BYTES), { ...upload, size: (await deps.files.received(id)).bytes });
        if (early) verdict = { ok: false, reason: early };
        else {
          await deps.files.copyTo(id, path);
          verdict = await validateUpload(path, upload, deps.validation);
        }
      } catch (error) {
        // The storage not answering says nothing about the file: it stays `validating` and is tried again (upkeep).
        if (error instanceof StorageUnavailable) throw error;
        verdict = { ok: false, reason: 'unreadable_media' };
      }
      const at = now().toISOString();
      if (verdict.ok) {
        const kept = await deps.files.keep(id, path);
        await recordVerdict(deps.db, id, { status: 'accepted', sha256: kept.sha256, media: JSON.stringify(verdict.media) }, at);
      } else {
        await deps.files.remove(id);
        await recordVerdict(deps.db, id, { status: 'rejected', reason: verdict.reason }, at);
      }
      await deps.audit.record({
        action: verdict.ok ? 'upload.validated' : 'upload.rejected',
        result: verdict.ok ? 'success' : 'denied',
        actor: { type: 'user', id: row.user_id },
        target: `upload:${id}`,
        details: verdict.ok ? { kind: row.kind } : { kind: row.kind, reason: verdict.reason },
      });
    } finally {
      validating.delete(id);
      await rm(dir, { recursive: true, force: true });
    }
  }
  const terminated = (id: string) => deleteUpload(deps.db, id);

  /** The length an upload declared (tus's Upload-Length), or undefined when there is no such upload. */
  async function declaredLength(id: string): Promise<number | undefined> {
    return UPLOAD_ID.test(id) ? (await findUpload(deps.db, id))?.declared_size : undefined;
  }

  /** The disk filled up while receiving: the partial upload is removed entirely, not left half-written. */
  async function failedForSpace(id: string): Promise<void> {
    if (!/^[0-9a-f]{32}$/.test(id)) return;
    const row = await findUpload(deps.db, id);
    await deps.files.remove(id);
    await deleteUpload(deps.db, id);
    await deps.audit.record({ action: 'upload.failed', result: 'failure', actor: row ? { type: 'user', id: row.user_id } : { type: 'system' }, target: `upload:${id}`, details: { reason: 'storage_full' } });
  }

  /**
   * Deletes unfinished uploads that received nothing for UPLOAD_EXPIRY (the
   * time their last part was stored). Run on a schedule by `serve`.
   */
  async function expireStale(): Promise<number> {
    const cutoff = now().getTime() - deps.policy.expiryMs;
    let expired = 0;
    for (const row of await uploadsIn(deps.db, 'receiving', new Date(cutoff).toISOString())) {
      const { lastWriteAt } = await deps.files.received(row.id);
      if (lastWriteAt !== undefined && Date.parse(lastWriteAt) > cutoff) continue;
      await deps.files.remove(row.id);
      await deleteUpload(deps.db, row.id);
      await deps.audit.record({ action: 'upload.expired', result: 'success', actor: { type: 'system' }, target: `upload:${row.id}`, details: { owner: row.user_id } });
      expired += 1;
    }
    return expired;
  }

  /**
   * Uploads a crash (or a storage that stopped answering) left mid-validation
   * are validated again; every step is safe to repeat. At start, the scratch
   * directory a crash left is emptied first.
   */
  async function resumeValidation(options: { atStart?: boolean } = {}): Promise<number> {
    if (options.atStart) await rm(deps.scratchDir, { recursive: true, force: true });
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
    declaredLength,
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
