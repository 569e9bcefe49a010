import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { bearer } from '../../test/helpers/auth.js';
import type { TestApp } from '../../test/helpers/app.js';
import { ownershipTest } from '../../test/helpers/ownership.js';
import { softwareAuthenticator } from '../../test/helpers/webauthn.js';
import { insertOidcIdentity } from '../auth/oidc-store.js';

const ORIGIN = 'https://sakuga.example';
const get = async (t: TestApp, token: string, url: string) => (await t.app.inject({ url, headers: bearer(token) })).json();

ownershipTest({
  name: 'API keys',
  async create(t, token) {
    const response = await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(token), payload: { name: 'owner key', scopes: ['read:job'] } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id;
  },
  routes: [{ method: 'DELETE', url: (id) => `/api/keys/${id}` }],
  keyScopes: ['keys:manage'],
  missingId: () => randomBytes(8).toString('hex'),
  stillThere: async (t, token, id) => (await get(t, token, '/api/keys')).keys.some((key: { id: string }) => key.id === id),
});

ownershipTest({
  name: 'sessions',
  async create(t) {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'owner-a', password: 'plum blossoms fall on the quiet river', device_name: 'Tablet' } });
    return response.json().session_id;
  },
  routes: [{ method: 'DELETE', url: (id) => `/api/auth/sessions/${id}` }],
  keyScopes: null,
  stillThere: async (t, token, id) => (await get(t, token, '/api/auth/sessions')).sessions.some((session: { id: string }) => session.id === id),
});

ownershipTest({
  name: 'passkeys',
  app: { env: { PUBLIC_URL: ORIGIN } },
  async create(t, token) {
    const authenticator = softwareAuthenticator({ origin: ORIGIN, rpId: 'sakuga.example' });
    const started = (await t.app.inject({ method: 'POST', url: '/api/auth/passkeys/register/options', headers: bearer(token) })).json();
    const finished = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkeys/register/verify',
      headers: bearer(token),
      payload: { challenge_id: started.challenge_id, response: authenticator.register(started.options.challenge), name: 'Laptop' },
    });
    assert.equal(finished.statusCode, 201, finished.body);
    return authenticator.credentialId;
  },
  routes: [
    { method: 'PATCH', url: (id) => `/api/auth/passkeys/${id}`, payload: { name: 'Taken over' } },
    { method: 'DELETE', url: (id) => `/api/auth/passkeys/${id}` },
  ],
  keyScopes: null,
  missingId: () => randomBytes(16).toString('base64url'),
  stillThere: async (t, token, id) =>
    (await get(t, token, '/api/auth/passkeys')).passkeys.some((passkey: { id: string; name: string }) => passkey.id === id && passkey.name === 'Laptop'),
});

ownershipTest({
  name: 'single sign-on identities',
  async create(t, token) {
    const { user } = await get(t, token, '/api/auth/me');
    const at = new Date().toISOString();
    await insertOidcIdentity(t.services.db, { issuer: 'https://idp.example', subject: 'owner-a-at-idp', user_id: user.id, email: null, created_at: at, last_login_at: null });
    return (await get(t, token, '/api/auth/oidc/identities')).identities[0].id;
  },
  routes: [{ method: 'DELETE', url: (id) => `/api/auth/oidc/identities/${id}` }],
  keyScopes: null,
  stillThere: async (t, token, id) => (await get(t, token, '/api/auth/oidc/identities')).identities.some((identity: { id: string }) => identity.id === id),
});
