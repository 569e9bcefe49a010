import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { auditEvents } from '../../test/helpers/audit.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { manualClock, MINUTE } from '../../test/helpers/clock.js';
import { startOidcProvider, TEST_CLIENT, type TestOidcProvider } from '../../test/helpers/oidc-provider.js';
import { totpCode } from '../../test/helpers/totp.js';
import { sha256Hex } from '../crypto/tokens.js';

const PUBLIC_URL = 'https://sakuga.example';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;
const FLOW_COOKIE = '__Host-sakuga_oidc';

function oidcEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PUBLIC_URL, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret, ...extra };
}

/** One browser's single sign-on, step by step, so tests can interfere between the steps. */
async function startFlow(t: TestApp, ip = '127.0.0.1') {
  const response = await t.app.inject({ url: '/api/auth/oidc/start', remoteAddress: ip });
  assert.equal(response.statusCode, 302, response.body);
  const cookie = response.cookies.find((c) => c.name === FLOW_COOKIE);
  assert.ok(cookie, 'the flow cookie is set');
  return { cookie: cookie.value, attributes: cookie, authorizationUrl: String(response.headers.location) };
}

function callback(t: TestApp, redirect: URL, flowCookie: string | undefined) {
  return t.app.inject({ url: `${redirect.pathname}${redirect.search}`, cookies: flowCookie ? { [FLOW_COOKIE]: flowCookie } : {} });
}

function complete(t: TestApp, flowCookie: string, body: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/oidc/complete', cookies: { [FLOW_COOKIE]: flowCookie }, payload: { mode: 'token', ...body } });
}

/** The whole path as a person at a browser takes it; returns the callback's answer if it fails, else the finishing one. */
async function signInAs(t: TestApp, provider: TestOidcProvider, accountId: string, body: Record<string, string> = {}) {
  const flow = await startFlow(t);
  const back = await callback(t, await provider.signIn(flow.authorizationUrl, accountId), flow.cookie);
  if (back.statusCode !== 303) return back;
  assert.equal(back.headers.location, '/auth/oidc');
  return complete(t, flow.cookie, body);
}

function expectError(response: { statusCode: number; body: string; json(): { error: { code: string } } }, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.json().error.code, code);
}

const lastEvent = (t: TestApp, action: string) => auditEvents(t).filter((event) => event.action === action).at(-1);

async function setEmail(t: TestApp, username: string, email: string, verified: boolean) {
  await t.services.db
    .updateTable('users')
    .set({ email, email_verified_at: verified ? new Date().toISOString() : null })
    .where('username', '=', username)
    .execute();
}

test('off unless configured, and says so', async () => {
  const t = await createTestApp({ env: { PUBLIC_URL } });
  try {
    expectError(await t.app.inject({ url: '/api/auth/oidc/start' }), 404, 'oidc_disabled');
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/oidc/complete', payload: {} }), 404, 'oidc_disabled');
    assert.equal((await t.app.inject({ url: '/api/auth/methods' })).json().oidc, null);
  } finally {
    await t.close();
  }
});

test('a provider that cannot be reached: 502, and nothing is stored', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const t = await createTestApp({ env: oidcEnv(`http://127.0.0.1:${port}`) });
  try {
    expectError(await t.app.inject({ url: '/api/auth/oidc/start' }), 502, 'oidc_provider_unavailable');
    assert.equal((await t.services.db.selectFrom('oidc_logins').select('id').execute()).length, 0);
  } finally {
    await t.close();
  }
});

describe('single sign-on against a real OpenID Provider', () => {
  let provider: TestOidcProvider;
  before(async () => {
    provider = await startOidcProvider(REDIRECT_URI);
    provider.addAccount({ sub: 'p-hana', email: 'hana@example.com', email_verified: true, preferred_username: 'Hana.Studio' });
    provider.addAccount({ sub: 'p-mika', email: 'mika@example.com', email_verified: true, preferred_username: 'mika-at-idp' });
    provider.addAccount({ sub: 'p-kaito', email: 'kaito@example.com', email_verified: false, preferred_username: 'kaito-idp' });
    provider.addAccount({ sub: 'p-sora', email: 'sora@example.com', email_verified: true });
    provider.addAccount({ sub: 'p-mika-twin', preferred_username: 'mika' });
    provider.addAccount({ sub: 'p-rin', preferred_username: 'rin' });
    provider.addAccount({ sub: 'p-ghost', name: 'Ghost' });
  });
  after(() => provider.close());

  describe('defaults: no auto-provisioning, no linking by email', () => {
    let t: TestApp;
    const clock = manualClock(new Date());
    let rinId: string;
    before(async () => {
      t = await createTestApp({ env: oidcEnv(provider.issuer), now: clock.now });
      await createUser(t, 'mika', 'viewer');
      await setEmail(t, 'mika', 'mika@example.com', true);
      rinId = (await createUser(t, 'rin', 'editor')).id;
    });
    after(() => t.close());

    /** A signed-in person links their provider identity from their account. */
    async function link(username: string, accountId: string) {
      const { access_token } = await loginWithToken(t, username);
      const started = await t.app.inject({ method: 'POST', url: '/api/auth/oidc/link', headers: bearer(access_token) });
      assert.equal(started.statusCode, 200, started.body);
      const cookie = started.cookies.find((c) => c.name === FLOW_COOKIE)!.value;
      return { cookie, access_token, back: await callback(t, await provider.signIn(started.json().authorization_url, accountId), cookie) };
    }

    test('a signed-in person links their identity (sudo mode); the link signs no one in by itself', async () => {
      const { access_token } = await loginWithToken(t, 'rin');
      clock.advance(11 * MINUTE);
      expectError(await t.app.inject({ method: 'POST', url: '/api/auth/oidc/link', headers: bearer(access_token) }), 401, 'reauth_required');

      const linked = await link('rin', 'p-rin');
      assert.equal(linked.back.statusCode, 303, linked.back.body);
      assert.equal(linked.back.headers.location, '/auth/oidc#linked');
      expectError(await complete(t, linked.cookie), 400, 'oidc_flow_invalid');
      const list = (await t.app.inject({ url: '/api/auth/oidc/identities', headers: bearer(linked.access_token) })).json().identities;
      assert.deepEqual(
        list.map((identity: { issuer: string; subject: string }) => [identity.issuer, identity.subject]),
        [[provider.issuer, 'p-rin']],
      );
      assert.equal(lastEvent(t, 'auth.oidc_linked')?.details.by, 'signed_in_user');
    });

    test('an identity linked to one account cannot be linked to another', async () => {
      const stolen = await link('mika', 'p-rin');
      expectError(stolen.back, 409, 'oidc_identity_taken');
      const rows = await t.services.db.selectFrom('oidc_identities').select('user_id').where('subject', '=', 'p-rin').execute();
      assert.deepEqual(rows, [{ user_id: rinId }]);
    });

    test('the authorization request carries PKCE S256, state and nonce; only a hash of the flow cookie is stored', async () => {
      const methods = (await t.app.inject({ url: '/api/auth/methods' })).json();
      assert.deepEqual(methods.oidc, { name: 'single sign-on', start_url: '/api/auth/oidc/start' });

      const flow = await startFlow(t);
      const url = new URL(flow.authorizationUrl);
      assert.equal(url.origin, provider.issuer);
      const params = url.searchParams;
      assert.equal(params.get('response_type'), 'code');
      assert.equal(params.get('client_id'), TEST_CLIENT.id);
      assert.equal(params.get('redirect_uri'), REDIRECT_URI);
      assert.equal(params.get('scope'), 'openid email profile');
      assert.equal(params.get('code_challenge_method'), 'S256');
      assert.match(params.get('code_challenge') ?? '', /^[\w-]{43}$/);
      for (const name of ['state', 'nonce']) {
        assert.ok((params.get(name) ?? '').length >= 43, `${name} has 256 bits`);
        assert.notEqual(params.get(name), flow.cookie, `${name} is not the flow cookie`);
      }
      assert.ok(!flow.authorizationUrl.includes(flow.cookie));
      assert.equal(params.get('code_verifier'), null);

      assert.equal(flow.attributes.httpOnly, true);
      assert.equal(flow.attributes.secure, true);
      assert.equal(flow.attributes.sameSite, 'Lax');
      assert.equal(flow.attributes.path, '/');
      const rows = await t.services.db.selectFrom('oidc_logins').selectAll().execute();
      assert.ok(rows.some((row) => row.id === sha256Hex(flow.cookie)));
      assert.ok(!JSON.stringify(rows).includes(flow.cookie.slice(4)));
    });

    test('a linked account signs in end to end, as itself', async () => {
      const done = await signInAs(t, provider, 'p-rin');
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.id, rinId);
      const me = await t.app.inject({ url: '/api/auth/me', headers: bearer(done.json().access_token) });
      assert.equal(me.json().user.username, 'rin');
      assert.equal(lastEvent(t, 'auth.login')?.details.method, 'oidc');
    });

    test('someone the server does not know is refused, and no account appears', async () => {
      const before = (await t.services.db.selectFrom('users').select('id').execute()).length;
      expectError(await signInAs(t, provider, 'p-ghost'), 403, 'oidc_no_account');
      assert.equal((await t.services.db.selectFrom('users').select('id').execute()).length, before);
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'no_account');
    });

    test('a verified email of an existing account is not linked while linking is off', async () => {
      expectError(await signInAs(t, provider, 'p-mika'), 409, 'oidc_email_conflict');
      const links = await t.services.db.selectFrom('oidc_identities').select('subject').where('subject', '=', 'p-mika').execute();
      assert.equal(links.length, 0);
    });

    test('login CSRF: a redirect from another browser\'s attempt is refused and does not burn this one', async () => {
      const attacker = await startFlow(t, '127.0.0.9');
      const attackerRedirect = await provider.signIn(attacker.authorizationUrl, 'p-ghost');
      const victim = await startFlow(t);
      expectError(await callback(t, attackerRedirect, victim.cookie), 400, 'oidc_flow_invalid');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'state_mismatch');
      expectError(await callback(t, attackerRedirect, undefined), 400, 'oidc_flow_invalid');

      const victimRedirect = await provider.signIn(victim.authorizationUrl, 'p-rin');
      assert.equal((await callback(t, victimRedirect, victim.cookie)).statusCode, 303);
    });

    test('a callback works once; the finish works once', async () => {
      const flow = await startFlow(t);
      const redirect = await provider.signIn(flow.authorizationUrl, 'p-rin');
      expectError(await complete(t, flow.cookie), 400, 'oidc_flow_invalid');
      assert.equal((await callback(t, redirect, flow.cookie)).statusCode, 303);
      expectError(await callback(t, redirect, flow.cookie), 400, 'oidc_flow_invalid');
      // A browser (Accept: text/html) is sent to the app's page with the code, never shown JSON.
      const browserReplay = await t.app.inject({
        url: `${redirect.pathname}${redirect.search}`,
        cookies: { [FLOW_COOKIE]: flow.cookie },
        headers: { accept: 'text/html,application/xhtml+xml' },
      });
      assert.equal(browserReplay.statusCode, 303);
      assert.equal(browserReplay.headers.location, '/auth/oidc#error=oidc_flow_invalid');
      assert.equal((await complete(t, flow.cookie)).statusCode, 200);
      expectError(await complete(t, flow.cookie), 400, 'oidc_flow_invalid');
    });

    test('code injection: a code from one attempt is useless in another (PKCE)', async () => {
      const stolen = await provider.signIn((await startFlow(t)).authorizationUrl, 'p-rin');
      const own = await startFlow(t);
      const injected = new URL(REDIRECT_URI);
      injected.searchParams.set('code', stolen.searchParams.get('code')!);
      injected.searchParams.set('state', new URL(own.authorizationUrl).searchParams.get('state')!);
      injected.searchParams.set('iss', provider.issuer);
      expectError(await callback(t, injected, own.cookie), 401, 'oidc_rejected');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'token_endpoint:invalid_grant');
    });

    test('a tampered authorization request fails: another nonce, another PKCE challenge', async () => {
      const nonceFlow = await startFlow(t);
      const otherNonce = new URL(nonceFlow.authorizationUrl);
      otherNonce.searchParams.set('nonce', 'a-nonce-the-attacker-chose-aaaaaaaaaaaaaaaaaaaa');
      expectError(await callback(t, await provider.signIn(otherNonce.href, 'p-rin'), nonceFlow.cookie), 401, 'oidc_rejected');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'the ID token nonce is checked');

      const pkceFlow = await startFlow(t);
      const otherChallenge = new URL(pkceFlow.authorizationUrl);
      otherChallenge.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
      expectError(await callback(t, await provider.signIn(otherChallenge.href, 'p-rin'), pkceFlow.cookie), 401, 'oidc_rejected');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'token_endpoint:invalid_grant');
    });

    test('the provider saying no is a clear 401, audited with its reason', async () => {
      const flow = await startFlow(t);
      expectError(await callback(t, await provider.signIn(flow.authorizationUrl, null), flow.cookie), 401, 'oidc_rejected');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'provider_error:access_denied');
    });

    test('an attempt expires after 10 minutes', async () => {
      const flow = await startFlow(t);
      const redirect = await provider.signIn(flow.authorizationUrl, 'p-rin');
      clock.advance(10 * MINUTE + 1000);
      expectError(await callback(t, redirect, flow.cookie), 400, 'oidc_flow_invalid');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'unknown_used_or_expired');
    });

    test('unlinking: only one\'s own links, in sudo mode; afterwards the identity no longer signs in', async () => {
      const rin = await loginWithToken(t, 'rin');
      const mika = await loginWithToken(t, 'mika');
      const [identity] = (await t.app.inject({ url: '/api/auth/oidc/identities', headers: bearer(rin.access_token) })).json().identities;
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/auth/oidc/identities/${identity.id}`, headers: bearer(mika.access_token) }), 404, 'oidc_identity_not_found');
      const removed = await t.app.inject({ method: 'DELETE', url: `/api/auth/oidc/identities/${identity.id}`, headers: bearer(rin.access_token) });
      assert.equal(removed.statusCode, 204, removed.body);
      expectError(await signInAs(t, provider, 'p-rin'), 403, 'oidc_no_account');
      assert.equal((await link('rin', 'p-rin')).back.statusCode, 303, 'and can be linked again');
    });

    test('2FA accounts still give a code: the provider is a first factor only', async () => {
      const { access_token } = await loginWithToken(t, 'rin');
      const { secret } = (await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: bearer(access_token) })).json();
      const enable = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers: bearer(access_token), payload: { code: totpCode(secret, clock.now().getTime()) } });
      assert.equal(enable.statusCode, 200, enable.body);
      clock.advance(60_000);

      const flow = await startFlow(t);
      assert.equal((await callback(t, await provider.signIn(flow.authorizationUrl, 'p-rin'), flow.cookie)).statusCode, 303);
      expectError(await complete(t, flow.cookie), 401, 'totp_required');
      expectError(await complete(t, flow.cookie, { totp_code: '000000' }), 401, 'second_factor_invalid');
      const done = await complete(t, flow.cookie, { totp_code: totpCode(secret, clock.now().getTime()) });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.id, rinId);
    });

    test('a disabled account cannot come in through its provider identity', async () => {
      await t.services.db.updateTable('users').set({ disabled_at: clock.now().toISOString() }).where('id', '=', rinId).execute();
      try {
        expectError(await signInAs(t, provider, 'p-rin'), 403, 'oidc_account_disabled');
      } finally {
        await t.services.db.updateTable('users').set({ disabled_at: null }).where('id', '=', rinId).execute();
      }
    });

    test('starting is rate-limited per address', async () => {
      for (let i = 0; i < 20; i += 1) await startFlow(t, '127.0.3.1');
      const refused = await t.app.inject({ url: '/api/auth/oidc/start', remoteAddress: '127.0.3.1' });
      expectError(refused, 429, 'rate_limited');
      assert.ok(Number(refused.headers['retry-after']) > 0);
    });

    test('nothing secret reaches the logs', async () => {
      const flow = await startFlow(t);
      const redirect = await provider.signIn(flow.authorizationUrl, 'p-rin');
      await callback(t, redirect, flow.cookie);
      const logs = t.logs.join('\n');
      for (const secret of [flow.cookie, redirect.searchParams.get('code')!, redirect.searchParams.get('state')!, TEST_CLIENT.secret]) {
        assert.ok(!logs.includes(secret), 'a flow secret was logged');
      }
      assert.ok(!JSON.stringify(auditEvents(t)).includes(flow.cookie));
    });
  });

  describe('auto-provisioning (operator) and linking by verified email on', () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ env: oidcEnv(provider.issuer, { OIDC_AUTO_PROVISION: 'true', OIDC_DEFAULT_ROLE: 'operator', OIDC_LINK_BY_EMAIL: 'yes' }) });
      for (const name of ['mika', 'kaito', 'sora']) await createUser(t, name, 'viewer');
      await setEmail(t, 'mika', 'mika@example.com', true);
      await setEmail(t, 'kaito', 'kaito@example.com', true);
      await setEmail(t, 'sora', 'sora@example.com', false);
    });
    after(() => t.close());

    test('a new person gets an account with the default role and no password, and keeps it', async () => {
      const first = await signInAs(t, provider, 'p-hana');
      assert.equal(first.statusCode, 200, first.body);
      const { user } = first.json();
      assert.deepEqual([user.username, user.role, user.email], ['hana.studio', 'operator', 'hana@example.com']);
      const again = await signInAs(t, provider, 'p-hana');
      assert.equal(again.json().user.id, user.id, 'no second account');
      assert.equal(auditEvents(t).filter((event) => event.action === 'auth.oidc_provisioned').length, 1);

      for (const password of ['x', '!none', 'plum blossoms fall on the quiet river']) {
        const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hana.studio', password } });
        expectError(login, 401, 'invalid_credentials');
      }

      // Its one way in cannot be removed.
      const [identity] = (await t.app.inject({ url: '/api/auth/oidc/identities', headers: bearer(again.json().access_token) })).json().identities;
      const unlink = await t.app.inject({ method: 'DELETE', url: `/api/auth/oidc/identities/${identity.id}`, headers: bearer(again.json().access_token) });
      expectError(unlink, 409, 'last_sign_in_method');
    });

    test('a verified email on both sides links to the existing account', async () => {
      const mika = await t.services.db.selectFrom('users').select('id').where('username', '=', 'mika').executeTakeFirstOrThrow();
      const done = await signInAs(t, provider, 'p-mika');
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.id, mika.id);
      assert.equal(lastEvent(t, 'auth.oidc_linked')?.actor.id, mika.id);
    });

    test('an email the provider has not verified never links; the person gets an account of their own', async () => {
      const kaito = await t.services.db.selectFrom('users').select('id').where('username', '=', 'kaito').executeTakeFirstOrThrow();
      const done = await signInAs(t, provider, 'p-kaito');
      assert.equal(done.statusCode, 200, done.body);
      assert.notEqual(done.json().user.id, kaito.id);
      assert.equal(done.json().user.email, null);
    });

    test('an email Sakuga has not verified never links, and is not taken over', async () => {
      expectError(await signInAs(t, provider, 'p-sora'), 409, 'oidc_email_conflict');
      assert.equal(lastEvent(t, 'auth.oidc_callback')?.details.reason, 'email_unverified_in_sakuga');
    });

    test('a taken username gets a suffix rather than someone else\'s account', async () => {
      const done = await signInAs(t, provider, 'p-mika-twin');
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().user.username, 'mika-2');
    });
  });
});
