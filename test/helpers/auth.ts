import assert from 'node:assert/strict';
import type { Role } from '../../src/access/roles.js';
import { prepareNewUser } from '../../src/auth/new-user.js';
import { insertUser, type PublicUser } from '../../src/auth/user-store.js';
import type { TestApp } from './app.js';

export const TEST_PASSWORD = 'plum blossoms fall on the quiet river';

/** Inserts an account directly (no admin needed) and returns it. */
export async function createUser(t: TestApp, username: string, role: Role, password = TEST_PASSWORD): Promise<PublicUser> {
  const row = await prepareNewUser({ username, password, role }, t.services.passwords, new Date());
  return insertUser(t.services.db, row);
}

export interface TokenLogin {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly session_id: string;
  readonly expires_in: number;
}

export async function loginWithToken(t: TestApp, username: string, password = TEST_PASSWORD, remoteAddress = '127.0.0.1'): Promise<TokenLogin> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

export interface CookieLogin {
  /** `name=value; name=value` for a Cookie request header. */
  readonly cookieHeader: string;
  readonly csrfToken: string;
  readonly cookies: Record<string, string>;
}

export async function loginWithCookie(t: TestApp, username: string, password = TEST_PASSWORD): Promise<CookieLogin> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, mode: 'cookie' } });
  assert.equal(response.statusCode, 200, response.body);
  const cookies = Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
  return {
    cookies,
    cookieHeader: Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; '),
    csrfToken: response.json().csrf_token,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
