import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { databaseTargets } from '../../test/helpers/databases.js';
import { submitJob } from '../../test/helpers/jobs.js';

for (const target of await databaseTargets()) {
  describe(`settings on ${target.dialect}`, { skip: target.skip }, () => {
    test("a person's defaults: none until saved, saved whole, their own only; a mode the admin does not allow is refused and nothing is saved", async () => {
      const database = await target.create();
      const t = await createTestApp({ database: database.config, env: { PRIVACY_MODE: 'balanced', PRIVACY_LEAST_MODE: 'balanced' } });
      try {
        await createUser(t, 'kaito', 'operator');
        await createUser(t, 'rin', 'viewer');
        const kaito = bearer((await loginWithToken(t, 'kaito')).access_token);
        const rin = bearer((await loginWithToken(t, 'rin')).access_token);
        const get = (headers: Record<string, string>) => t.app.inject({ url: '/api/settings', headers });
        const put = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: '/api/settings', headers, payload });

        assert.deepEqual((await get(kaito)).json(), { target_language: null, voice: null, privacy_mode: null, privacy: { default: 'balanced', allowed: ['balanced', 'minimal'] } });
        const saved = await put(kaito, { target_language: 'pt-BR', voice: 'gmw/en-US', privacy_mode: 'minimal' });
        assert.equal(saved.statusCode, 200, saved.body);
        assert.deepEqual((await get(kaito)).json().privacy_mode, 'minimal');
        assert.deepEqual((await get(rin)).json().target_language, null, "one person's defaults are theirs alone");

        const loose = await put(kaito, { target_language: 'ja', voice: null, privacy_mode: 'off' });
        assert.equal(loose.statusCode, 422);
        assert.equal(loose.json().error.code, 'privacy_mode_not_allowed');
        assert.equal((await get(kaito)).json().target_language, 'pt-BR', 'a refused save changes nothing');
        for (const bad of [{ target_language: 'not a language', voice: null, privacy_mode: null }, { target_language: null, voice: null }, { target_language: null, voice: null, privacy_mode: null, extra: 1 }]) {
          const reply = await put(kaito, bad);
          assert.equal(reply.statusCode, 400, JSON.stringify(bad));
        }
        assert.equal((await t.app.inject({ url: '/api/settings' })).statusCode, 401);
        assert.deepEqual((await put(rin, { target_language: 'ja', voice: null, privacy_mode: null })).json().target_language, 'ja', 'a viewer has defaults too');
      } finally {
        await t.close();
        await database.drop();
      }
    });

    test("a job's privacy mode: its own choice within the rules, else the person's preference, else the default; fixed on the job, a refusal stores nothing", async () => {
      const database = await target.create();
      const t = await createTestApp({ database: database.config, env: { SAKUGA_SELFTEST_JOBS: 'true', PRIVACY_MODE: 'balanced', PRIVACY_LEAST_MODE: 'balanced', PRIVACY_MINIMAL_REQUIRES_ENCRYPTION: 'true' } });
      try {
        await createUser(t, 'kaito', 'operator');
        const token = (await loginWithToken(t, 'kaito')).access_token;
        const selftest = { type: 'selftest', options: { steps: [{ op: 'sleep', ms: 0 }] } };
        const modeOf = async (body: object) => {
          const reply = await submitJob(t, token, { ...selftest, ...body });
          return reply.statusCode === 201 ? reply.json().privacy_mode : reply.json().error.code;
        };
        assert.equal(await modeOf({}), 'balanced', "the server's default");
        const jobs = await t.services.db.selectFrom('jobs').select('id').execute();
        assert.equal(await modeOf({ privacy_mode: 'off' }), 'privacy_mode_not_allowed');
        assert.equal(await modeOf({ privacy_mode: 'minimal' }), 'encryption_required', 'minimal needs encryption here, and it is off');
        assert.equal((await t.services.db.selectFrom('jobs').select('id').execute()).length, jobs.length, 'a refused job is not stored');
        assert.equal((await submitJob(t, token, { ...selftest, privacy_mode: 'secret' })).statusCode, 400);

        // A preference saved when the rules were looser is raised to the least allowed mode.
        await t.services.db.insertInto('user_settings').values({ user_id: (await t.services.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id, target_language: null, voice: null, privacy_mode: 'off', updated_at: new Date().toISOString() }).execute();
        assert.equal(await modeOf({}), 'balanced');
        const id = (await submitJob(t, token, { ...selftest, privacy_mode: 'balanced' })).json().id;
        assert.equal((await t.app.inject({ url: `/api/jobs/${id}`, headers: bearer(token) })).json().privacy_mode, 'balanced', 'the job keeps its mode');
        const batch = await t.app.inject({ method: 'POST', url: '/api/jobs/batch', headers: bearer(token), payload: { jobs: [selftest, { ...selftest, privacy_mode: 'off' }] } });
        assert.equal(batch.statusCode, 422, 'a batch with one refused mode stores none');
      } finally {
        await t.close();
        await database.drop();
      }
    });
  });
}
