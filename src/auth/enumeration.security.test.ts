import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken, TEST_PASSWORD } from '../../test/helpers/auth.js';
import { median, probabilityOfSuperiority } from '../../test/helpers/stats.js';

const WRONG = 'a wrong but plausible passphrase';

describe('sign-in does not reveal which accounts exist', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await createUser(t, 'mika', 'viewer');
    const disabled = await createUser(t, 'sora', 'viewer');
    await createUser(t, 'boss', 'admin');
    const admin = await loginWithToken(t, 'boss');
    const response = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${disabled.id}`, headers: bearer(admin.access_token), payload: { disabled: true } });
    assert.equal(response.statusCode, 200);
  });
  after(() => t.close());

  let ip = 0;
  async function attempt(username: string, password: string) {
    // A fresh loopback address and a cleared account count per attempt keep throttling out of the picture.
    ip += 1;
    await t.services.throttle.recordSuccess(username);
    const started = performance.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: `127.1.${Math.floor(ip / 250)}.${ip % 250}`,
    });
    return { response, ms: performance.now() - started };
  }

  test('unknown user, disabled user and wrong password get the same 401 body', async () => {
    const bodies = [];
    for (const [username, password] of [['nobody-here', WRONG], ['sora', TEST_PASSWORD], ['mika', WRONG]] as const) {
      const { response } = await attempt(username, password);
      assert.equal(response.statusCode, 401, username);
      const { error } = response.json();
      bodies.push({ code: error.code, message: error.message, keys: Object.keys(error).sort(), type: response.headers['content-type'] });
    }
    assert.deepEqual(bodies[0], bodies[1]);
    assert.deepEqual(bodies[1], bodies[2]);
    assert.equal(bodies[0]!.code, 'invalid_credentials');
  });

  test('and take the same time (rank test over interleaved samples)', async () => {
    const samples: Record<'unknown' | 'disabled' | 'wrong', number[]> = { unknown: [], disabled: [], wrong: [] };
    const cases = [
      ['unknown', 'nobody-here'],
      ['disabled', 'sora'],
      ['wrong', 'mika'],
    ] as const;
    for (let round = 0; round < 3; round += 1) await attempt('mika', WRONG); // warm-up
    for (let round = 0; round < 25; round += 1) {
      // Rotate the order every round so drift on a shared machine hits all cases alike.
      for (let i = 0; i < cases.length; i += 1) {
        const [label, username] = cases[(round + i) % cases.length]!;
        const { response, ms } = await attempt(username, label === 'disabled' ? TEST_PASSWORD : WRONG);
        assert.equal(response.statusCode, 401);
        samples[label].push(ms);
      }
    }
    // Without the dummy verification an unknown user answers in ~1 ms against ~30 ms: A ≈ 0.
    for (const label of ['unknown', 'disabled'] as const) {
      const a = probabilityOfSuperiority(samples[label], samples.wrong);
      const detail = `${label} median ${median(samples[label]).toFixed(1)} ms vs wrong password ${median(samples.wrong).toFixed(1)} ms, A=${a.toFixed(2)}`;
      assert.ok(a > 0.2 && a < 0.8, `timing reveals ${label} accounts: ${detail}`);
    }
  });
});
