import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { insertJobs, upsertArtifacts } from '../../src/jobs/store.js';
import { DUB_STAGES } from '../../src/pipeline/dub-options.js';
import { replaceSegments } from '../../src/pipeline/segment-store.js';
import { newSegment } from '../../src/pipeline/segments.js';
import type { TestApp } from './app.js';
import { insertTestUpload } from './jobs.js';

/**
 * A finished dub as the worker leaves one (job row, segment table, artifact
 * rows and files, its source upload's row), written straight into the store: for route tests that need
 * a dub to exist, not to be made (a real dub is test/dub*.e2e.test.ts).
 */
export async function insertFinishedDub(t: TestApp, userId: string, artifacts: Readonly<Record<string, string | Uint8Array>> = {}): Promise<string> {
  const id = randomBytes(16).toString('hex');
  const at = new Date().toISOString();
  await insertJobs(t.services.db, [
    {
      row: {
        id, user_id: userId, type: 'dub', class: 'cpu', title: 'Dub into en',
        options: JSON.stringify({ upload_id: await insertTestUpload(t, userId, 'video'), target_language: 'en' }),
        stages: JSON.stringify(DUB_STAGES), skipped_stages: null, status: 'succeeded', checkpoint: DUB_STAGES.length, progress: 1, attempts: 1,
        run_after: at, lease_owner: null, lease_expires_at: null, cancel_requested: 0, failure_code: null, failure_message: null,
        idempotency_key: null, request_hash: null, archived: 0, render: 1, parent_id: null, notes: null, trashed_at: null, privacy_mode: 'off', created_at: at, started_at: at, finished_at: at, updated_at: at,
      },
      tags: [],
    },
  ]);
  const lines = [newSegment(1, { startMs: 1_000, endMs: 3_000, targetText: 'Good morning, Mika.' }), newSegment(2, { startMs: 4_000, endMs: 6_000, targetText: 'Is the storyboard done?' })];
  await replaceSegments(t.services.db, id, lines, at);
  const rows = [];
  for (const [name, content] of Object.entries(artifacts)) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    await t.services.blobs.put(`artifacts/${id}/${name}`, Readable.from([bytes]));
    rows.push({ job_id: id, name, stage: DUB_STAGES.length - 1, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), created_at: at });
  }
  if (rows.length > 0) await upsertArtifacts(t.services.db, rows);
  return id;
}
