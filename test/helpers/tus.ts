import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Upload } from 'tus-js-client';
import type { TestApp } from './app.js';
import { bearer } from './auth.js';

/** Uploads bytes with the official tus client; resolves to the server's upload id. */
export function tusUpload(base: string, token: string, bytes: Buffer, metadata: Record<string, string>, chunkSize = 256 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(bytes, {
      endpoint: `${base}/api/uploads`,
      headers: bearer(token),
      metadata,
      chunkSize,
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(upload.url!.split('/').pop()!),
    });
    upload.start();
  });
}

/** Polls GET /api/uploads/:id until validation has decided. */
export async function verdictOf(t: TestApp, token: string, id: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.app.inject({ url: `/api/uploads/${id}`, headers: bearer(token) });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    if (body.status === 'accepted' || body.status === 'rejected') return body;
    if (Date.now() > deadline) assert.fail(`upload ${id} still ${body.status}`);
    await sleep(50);
  }
}

/** The names of an upload's blobs (its parts while receiving, its file once kept). */
export async function uploadBlobs(t: TestApp, id: string): Promise<string[]> {
  return (await t.services.blobs.list(`uploads/${id}/`)).map((blob) => blob.key);
}

/** An upload's bytes as stored, read back through the blob store; undefined when nothing of it is stored. */
export async function storedUpload(t: TestApp, id: string): Promise<Buffer | undefined> {
  return (await uploadBlobs(t, id)).length === 0 ? undefined : t.services.uploadFiles.readAll(id);
}
