import assert from 'node:assert/strict';
import pino from 'pino';
import type { Role } from '../../src/access/roles.js';
import { createJobWorker } from '../../src/jobs/engine.js';
import type { Worker } from '../../src/jobs/worker.js';
import { createTestApp, type TestApp } from './app.js';
import { createUser, loginWithToken } from './auth.js';
import { tusUpload, verdictOf } from './tus.js';

export interface DubApp {
  readonly t: TestApp;
  /** The signed-in user's bearer token. */
  readonly token: string;
  /** A tus upload of `bytes` as the user, waited on until accepted; its id. */
  upload(bytes: Buffer, filename: string, kind: string): Promise<string>;
  /** Until the worker is done with the job: its run ended, and what follows a run (the work dir cleared, the privacy mode's removals). */
  settled(jobId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * An app on a real socket (tus needs one) with a running job worker and one
 * signed-in user: what every end-to-end dub test starts from.
 */
export async function startDubApp(username: string, role: Role = 'editor', options: { env?: Record<string, string> } = {}): Promise<DubApp> {
  const t = await createTestApp(options.env && { env: options.env });
  await createUser(t, username, role);
  const token = (await loginWithToken(t, username)).access_token;
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const worker: Worker = createJobWorker(t.services, { dialect: t.database.dialect, log: pino({ level: 'silent' }) });
  worker.start();
  return {
    t,
    token,
    async upload(bytes, filename, kind) {
      const id = await tusUpload(base, token, bytes, { filename, kind });
      assert.equal((await verdictOf(t, token, id)).status, 'accepted');
      return id;
    },
    async settled(jobId) {
      const deadline = Date.now() + 20_000;
      while (worker.running().includes(jobId)) {
        assert.ok(Date.now() < deadline, `the worker still holds job ${jobId}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await worker.stop();
      await t.close();
    },
  };
}
