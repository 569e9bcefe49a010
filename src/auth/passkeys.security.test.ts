import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { softwareAuthenticator } from '../../test/helpers/webauthn.js';

const ORIGIN = 'https://sakuga.example';

async function withPasskey() {
  const clock = manualClock();
  const t = await createTestApp({ now: clock.now, env: { PUBLIC_URL: ORIGIN } });
  const user = await createUser(t, 'mika', 'viewer');
  const session = await loginWithToken(t, 'mika');
  const authenticator = softwareAuthenticator({ origin: ORIGIN, rpId: 'sakuga.example' });
  const started = await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/register/options', headers: bearer(session.access_token) });
  assert.equal(started.statusCode, 200, started.body);
  const { challenge_id, options } = started.json();
  assert.equal(options.rp.id, 'sakuga.example');
  assert.equal(options.authenticatorSelection.userVerification, 'required');
  const finished = await t.app.inject({
    method: 'POST',
    url: '/api/auth/passkeys/register/verify',
    headers: bearer(session.access_token),
    payload: { challenge_id, response: authenticator.register(options.challenge), name: 'Laptop' },
  });
  assert.equal(finished.statusCode, 201, finished.body);
  const userHandle = Buffer.from(user.id).toString('base64url');
  return { t, clock, user, session, authenticator, userHandle };
}

async function passkeyLogin(t: TestApp, sign: (challenge: string) => unknown) {
  const { challenge_id, options } = (await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/login/options' })).json();
  const response = sign(options.challenge);
  return { challenge_id, response, result: await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/login/verify', payload: { challenge_id, response } }) };
}

test('register a passkey (real ES256 ceremony), then sign in with it, no password', async () => {
  const { t, authenticator, userHandle } = await withPasskey();
  try {
    const { result } = await passkeyLogin(t, (challenge) => authenticator.authenticate(challenge, userHandle));
    assert.equal(result.statusCode, 200, result.body);
    const me = await t.app.inject({ url: '/api/auth/me', headers: bearer(result.json().access_token) });
    assert.equal(me.json().user.username, 'mika');
    const row = await t.services.db.selectFrom('passkeys').select(['counter', 'last_used_at', 'name']).executeTakeFirstOrThrow();
    assert.equal(row.counter, 1);
    assert.equal(row.name, 'Laptop');
    assert.ok(row.last_used_at);
  } finally {
    await t.close();
  }
});

test('an assertion cannot be replayed, nor used against a new challenge', async () => {
  const { t, authenticator, userHandle } = await withPasskey();
  try {
    const first = await passkeyLogin(t, (challenge) => authenticator.authenticate(challenge, userHandle));
    assert.equal(first.result.statusCode, 200);
    const replay = await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/login/verify', payload: { challenge_id: first.challenge_id, response: first.response } });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().error.code, 'webauthn_failed');
    const stale = await passkeyLogin(t, () => first.response);
    assert.equal(stale.result.statusCode, 401, 'signed for another challenge');
  } finally {
    await t.close();
  }
});

test('a counter going backwards (a cloned authenticator) is refused and audited', async () => {
  const { t, authenticator, userHandle } = await withPasskey();
  try {
    for (let i = 0; i < 3; i += 1) assert.equal((await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle))).result.statusCode, 200);
    const clone = await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle, { counter: 2 }));
    assert.equal(clone.result.statusCode, 401);
    const dir = join(t.dataDir, 'audit');
    const audit = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    assert.match(audit, /"reason":"counter_went_backwards"/);
  } finally {
    await t.close();
  }
});

test('wrong origin and missing user verification are refused', async () => {
  const { t, authenticator, userHandle } = await withPasskey();
  try {
    const phishing = await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle, { origin: 'https://sakuga.example.evil' }));
    assert.equal(phishing.result.statusCode, 401);
    const presenceOnly = await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle, { userVerified: false }));
    assert.equal(presenceOnly.result.statusCode, 401);
  } finally {
    await t.close();
  }
});

test('a passkey sign-in is multi-factor: a 2FA account needs no TOTP code with it', async () => {
  const { t, authenticator, userHandle, user } = await withPasskey();
  try {
    await t.services.db.updateTable('users').set({ totp_enabled_at: new Date().toISOString(), totp_secret_sealed: 'v1.x.y.z' }).where('id', '=', user.id).execute();
    const { result } = await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle));
    assert.equal(result.statusCode, 200, result.body);
  } finally {
    await t.close();
  }
});

test('adding and removing need sudo; removal stops sign-in; nobody touches another user’s passkeys', async () => {
  const { t, clock, session, authenticator, userHandle } = await withPasskey();
  try {
    await createUser(t, 'mallory', 'viewer');
    const mallory = await loginWithToken(t, 'mallory');
    const id = authenticator.credentialId;
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/auth/passkeys/${id}`, headers: bearer(mallory.access_token) });
    assert.equal(foreign.statusCode, 404);
    const rename = await t.app.inject({ method: 'PATCH', url: `/api/auth/passkeys/${id}`, headers: bearer(session.access_token), payload: { name: 'Work laptop' } });
    assert.equal(rename.statusCode, 204);

    clock.advance(11 * MINUTE);
    const fresh = await loginWithToken(t, 'mika');
    clock.advance(11 * MINUTE);
    const stale = await t.app.inject({ method: 'DELETE', url: `/api/auth/passkeys/${id}`, headers: bearer(fresh.access_token) });
    assert.equal(stale.json().error.code, 'reauth_required');
    const options = await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/register/options', headers: bearer(fresh.access_token) });
    assert.equal(options.json().error.code, 'reauth_required');

    const current = await loginWithToken(t, 'mika');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/auth/passkeys/${id}`, headers: bearer(current.access_token) })).statusCode, 204);
    const after = await passkeyLogin(t, (c) => authenticator.authenticate(c, userHandle));
    assert.equal(after.result.statusCode, 401);
  } finally {
    await t.close();
  }
});

test('sudo mode renewed with one of my own passkeys, never with someone else’s', async () => {
  const { t, clock, authenticator, userHandle } = await withPasskey();
  try {
    clock.advance(11 * MINUTE);
    const session = await loginWithToken(t, 'mika');
    clock.advance(11 * MINUTE);
    const reauth = async (token: string, sign: (challenge: string) => unknown) => {
      const started = await t.app.inject({ method: 'POST', url: '/api/auth/reauth/passkey-options', headers: bearer(token) });
      if (started.statusCode !== 200) return started;
      const { challenge_id, options } = started.json();
      assert.deepEqual(options.allowCredentials.map((c: { id: string }) => c.id), [authenticator.credentialId]);
      return t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(token), payload: { passkey: { challenge_id, response: sign(options.challenge) } } });
    };
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/register/options', headers: bearer(session.access_token) })).statusCode, 401);
    assert.equal((await reauth(session.access_token, (c) => authenticator.authenticate(c, userHandle))).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/register/options', headers: bearer(session.access_token) })).statusCode, 200);

    // Mallory has no passkey: she gets no options, and cannot borrow Mika's ceremony for her session.
    await createUser(t, 'mallory', 'viewer');
    const mallory = await loginWithToken(t, 'mallory');
    assert.equal((await reauth(mallory.access_token, () => ({}))).statusCode, 404);
    const mikaOptions = (await t.app.inject({ method: 'POST', url: '/api/auth/reauth/passkey-options', headers: bearer(session.access_token) })).json();
    const stolen = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reauth',
      headers: bearer(mallory.access_token),
      payload: { passkey: { challenge_id: mikaOptions.challenge_id, response: authenticator.authenticate(mikaOptions.options.challenge, userHandle) } },
    });
    assert.equal(stolen.statusCode, 401);
  } finally {
    await t.close();
  }
});
