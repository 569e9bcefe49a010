import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { UploadKind } from '../../src/uploads/kinds.js';
import { insertUpload } from '../../src/uploads/store.js';
import type { TestApp } from './app.js';
import { bearer } from './auth.js';

/** Env for a test server that registers the selftest job type. */
export const SELFTEST_ENV = { SAKUGA_SELFTEST_JOBS: 'true' } as const;

export type Step = { op: 'sleep' | 'spin' | 'alloc' | 'fork' | 'net' | 'fail' | 'write'; ms?: number; mb?: number; port?: number; transient?: boolean; times?: number; path?: string };

export async function submitJob(t: TestApp, token: string, body: { type: string; options: object; tags?: string[]; privacy_mode?: string }, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/jobs', headers: { ...bearer(token), ...headers }, payload: body });
}

/** Submits a selftest job and returns its id (asserting 201). */
export async function submitSelftest(t: TestApp, token: string, steps: Step[], extra: { tags?: string[]; gpu?: boolean } = {}): Promise<string> {
  const response = await submitJob(t, token, { type: 'selftest', options: { steps, ...(extra.gpu && { gpu: true }) }, ...(extra.tags && { tags: extra.tags }) });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

/** An upload row in a given state, as if received and validated (tests may create inputs directly). */
export async function insertTestUpload(t: TestApp, userId: string, kind: UploadKind, status: 'receiving' | 'validating' | 'accepted' | 'rejected' = 'accepted'): Promise<string> {
  const id = randomBytes(16).toString('hex');
  const now = new Date().toISOString();
  await insertUpload(t.services.db, { id, user_id: userId, kind, filename: `input.${kind === 'video' ? 'mp4' : 'png'}`, declared_size: 1000, status, reason: null, media: null, sha256: null, created_at: now, updated_at: now });
  return id;
}

/**
 * An accepted upload whose file holds `bytes`, as if received and validated
 * (`media` is what validation would have found, e.g. a video's duration and streams).
 */
export async function insertTestFile(t: TestApp, userId: string, kind: UploadKind, filename: string, bytes: string | Uint8Array, media: object | null = null): Promise<string> {
  const id = randomBytes(16).toString('hex');
  const now = new Date().toISOString();
  await t.services.uploadFiles.putFile(id, Readable.from([Buffer.from(bytes)]));
  await insertUpload(t.services.db, { id, user_id: userId, kind, filename, declared_size: Buffer.byteLength(bytes), status: 'accepted', reason: null, media: media && JSON.stringify(media), sha256: null, created_at: now, updated_at: now });
  return id;
}

/** Polls a job until `done` says so, or fails after `timeoutMs`. */
export async function waitForJob(t: TestApp, token: string, id: string, done: (job: { status: string } & Record<string, unknown>) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(token) })).json();
    if (done(job)) return job;
    if (Date.now() > deadline) assert.fail(`job ${id} did not get there in ${timeoutMs} ms; it is ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const isFinal = (job: { status: string }) => ['succeeded', 'failed', 'cancelled'].includes(job.status);

/** The names of a job's stored artifacts (kept renders aside), in order. */
export async function storedArtifacts(t: TestApp, jobId: string): Promise<string[]> {
  const prefix = `artifacts/${jobId}/`;
  return (await t.services.blobs.list(prefix)).map((blob) => blob.key.slice(prefix.length)).filter((name) => !name.includes('/')).sort();
}
