import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { totpCode } from '../../test/helpers/totp.js';

async function setup() {
  const clock = manualClock();
  const t = await createTestApp({ now: clock.now, env: { PUBLIC_URL: 'https://sakuga.example' } });
  await createUser(t, 'mika', 'viewer');
  return { t, clock };
}

const init = (t: TestApp, ip = '127.0.3.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/qr/init', payload: { device_name: 'Living-room TV' }, headers: { 'user-agent': 'SakugaTV/2' }, remoteAddress: ip });
const poll = (t: TestApp, id: string, pollToken: string, extra: Record<string, string> = {}) =>
  t.app.inject({ url: `/api/auth/qr/${id}`, headers: { 'x-poll-token': pollToken, ...extra } });
const approve = (t: TestApp, id: string, token: string, userCode: string) =>
  t.app.inject({ method: 'POST', url: `/api/auth/qr/${id}/approve`, headers: bearer(token), payload: { user_code: userCode } });

test('the whole flow: init, see who asks, approve with the user code, the new device gets its own session once', async () => {
  const { t } = await setup();
  try {
    const started = await init(t);
    assert.equal(started.statusCode, 200);
    const { qr_id, poll_token, user_code, approve_url, expires_in } = started.json();
    assert.equal(expires_in, 120);
    assert.equal(approve_url, `https://sakuga.example/auth/qr#id=${qr_id}`, 'the QR holds the approve URL and nothing secret');
    assert.ok(Buffer.from(poll_token.slice(4), 'base64url').length * 8 >= 128);
    assert.match(user_code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    assert.deepEqual((await poll(t, qr_id, poll_token)).json(), { status: 'pending' });
    assert.equal((await poll(t, qr_id, 'sqr_wrong')).statusCode, 401, 'a wrong poll token gets nothing');

    const phone = await loginWithToken(t, 'mika');
    const seen = (await t.app.inject({ url: `/api/auth/qr/${qr_id}/request`, headers: bearer(phone.access_token) })).json();
    assert.equal(seen.device_name, 'Living-room TV');
    assert.equal(seen.user_agent, 'SakugaTV/2');
    assert.equal(seen.ip, '127.0.3.1');

    const mismatch = await approve(t, qr_id, phone.access_token, 'AAAA-AAAA');
    assert.equal(mismatch.statusCode, 403);
    assert.equal(mismatch.json().error.code, 'qr_code_mismatch');
    assert.equal((await approve(t, qr_id, phone.access_token, user_code.toLowerCase())).statusCode, 204);
    const second = await approve(t, qr_id, phone.access_token, user_code);
    assert.equal(second.statusCode, 409);

    const redeemed = await poll(t, qr_id, poll_token);
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const tv = redeemed.json();
    assert.equal(tv.status, 'approved');
    assert.notEqual(tv.session_id, phone.session_id, 'its own session');
    const me = await t.app.inject({ url: '/api/auth/me', headers: bearer(tv.access_token) });
    assert.equal(me.json().user.username, 'mika');
    const sessions = (await t.app.inject({ url: '/api/auth/sessions', headers: bearer(tv.access_token) })).json().sessions;
    assert.ok(sessions.some((s: { device_name: string }) => s.device_name === 'Living-room TV'));

    const after = await poll(t, qr_id, poll_token);
    assert.equal(after.statusCode, 410, 'exactly once');
    assert.equal(after.json().error.code, 'qr_gone');
  } finally {
    await t.close();
  }
});

test('approving needs sudo mode', async () => {
  const { t, clock } = await setup();
  try {
    const phone = await loginWithToken(t, 'mika');
    clock.advance(11 * MINUTE);
    const { qr_id, user_code } = (await init(t)).json();
    const response = await approve(t, qr_id, phone.access_token, user_code);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'reauth_required');
  } finally {
    await t.close();
  }
});

test('a request lives two minutes; five wrong codes kill it', async () => {
  const { t, clock } = await setup();
  try {
    const phone = await loginWithToken(t, 'mika');
    const expiring = (await init(t)).json();
    clock.advance(2 * MINUTE + 1000);
    assert.equal((await poll(t, expiring.qr_id, expiring.poll_token)).statusCode, 410);
    assert.equal((await approve(t, expiring.qr_id, phone.access_token, expiring.user_code)).statusCode, 410);

    const fresh = await loginWithToken(t, 'mika');
    const guessed = (await init(t)).json();
    for (let i = 0; i < 5; i += 1) assert.equal((await approve(t, guessed.qr_id, fresh.access_token, 'BBBB-BBBB')).statusCode, 403);
    assert.equal((await approve(t, guessed.qr_id, fresh.access_token, guessed.user_code)).statusCode, 410);
  } finally {
    await t.close();
  }
});

test('init is rate-limited per address', async () => {
  const { t } = await setup();
  try {
    for (let i = 0; i < 10; i += 1) assert.equal((await init(t, '127.0.4.1')).statusCode, 200);
    const limited = await init(t, '127.0.4.1');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await init(t, '127.0.4.2')).statusCode, 200);
  } finally {
    await t.close();
  }
});

test('a 2FA account: the new device still gives a code', async () => {
  const { t, clock } = await setup();
  try {
    const phone = await loginWithToken(t, 'mika');
    const { secret } = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(phone.access_token) })).json();
    await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(phone.access_token), payload: { code: totpCode(secret, clock.now().getTime()) } });
    clock.advance(60_000);
    const reauth = await t.app.inject({ method: 'POST', url: '/api/auth/reauth', headers: bearer(phone.access_token), payload: { totp_code: totpCode(secret, clock.now().getTime()) } });
    assert.equal(reauth.statusCode, 204);
    clock.advance(30_000);

    const { qr_id, poll_token, user_code } = (await init(t)).json();
    assert.equal((await approve(t, qr_id, phone.access_token, user_code)).statusCode, 204);
    const bare = await poll(t, qr_id, poll_token);
    assert.equal(bare.statusCode, 401);
    assert.equal(bare.json().error.code, 'totp_required');
    const withCode = await poll(t, qr_id, poll_token, { 'x-totp-code': totpCode(secret, clock.now().getTime()) });
    assert.equal(withCode.statusCode, 200, withCode.body);
    assert.equal(withCode.json().status, 'approved');
  } finally {
    await t.close();
  }
});

test('a browser asks for a cookie session: HttpOnly cookies and a CSRF token, no bearer tokens', async () => {
  const { t } = await setup();
  try {
    const { qr_id, poll_token, user_code } = (await init(t)).json();
    const browserPoll = () => t.app.inject({ url: `/api/auth/qr/${qr_id}?mode=cookie`, headers: { 'x-poll-token': poll_token } });
    assert.deepEqual((await browserPoll()).json(), { status: 'pending' });
    assert.equal((await t.app.inject({ url: `/api/auth/qr/${qr_id}?mode=session`, headers: { 'x-poll-token': poll_token } })).statusCode, 400);

    const phone = await loginWithToken(t, 'mika');
    assert.equal((await approve(t, qr_id, phone.access_token, user_code)).statusCode, 204);
    const redeemed = await browserPoll();
    assert.equal(redeemed.statusCode, 200, redeemed.body);
    const body = redeemed.json();
    assert.equal(body.status, 'approved');
    assert.equal(body.user.username, 'mika');
    assert.equal(typeof body.csrf_token, 'string');
    assert.equal(body.access_token, undefined, 'a cookie session hands out no bearer token');
    const session = redeemed.cookies.find((cookie) => cookie.name === '__Host-sakuga_session');
    assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');

    const cookie = redeemed.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().session.mode, 'cookie');
    assert.equal(me.json().csrf_token, body.csrf_token);
    assert.equal((await browserPoll()).statusCode, 410, 'still exactly once');
  } finally {
    await t.close();
  }
});
