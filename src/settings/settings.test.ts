import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { databaseTargets } from '../../test/helpers/databases.js';

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
  });
}
