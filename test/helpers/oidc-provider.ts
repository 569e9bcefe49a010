import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person with an account at the test identity provider. */
export interface ProviderAccount {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly preferred_username?: string;
  readonly name?: string;
}

export const TEST_CLIENT = { id: 'sakuga-test', secret: 'a-client-secret-only-the-tests-know-0123456789' } as const;

/**
 * A real OpenID Provider (the oidc-provider package) on 127.0.0.1. The only
 * part replaced is the provider's login screen: `signIn` plays the person who
 * signs in at the provider as a given account (or refuses), following the
 * provider's redirects with its own cookie jar, like a browser would.
 */
export async function startOidcProvider(redirectUri: string) {
  const accounts = new Map<string, ProviderAccount>();
  let nextSignIn: { accountId: string } | { refuse: true } = { refuse: true };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] } as never,
    cookies: { keys: ['cookie-key-for-the-test-provider-only'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username', 'name'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ ...account }) } : undefined;
    },
  });
  // oidc-provider logs every server error to the console; tests assert on answers instead.
  provider.on('server_error', () => {});

  const handleProvider = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) void finishInteraction(req, res);
    else handleProvider(req, res);
  });

  async function finishInteraction(req: IncomingMessage, res: ServerResponse) {
    try {
      const details = await provider.interactionDetails(req, res);
      if ('refuse' in nextSignIn) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person said no.' }, { mergeWithLastSubmission: false });
        return;
      }
      const { accountId } = nextSignIn;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }

  /**
   * Follows the authorization URL through the provider as `accountId` (or
   * refusing, with `null`) and returns the redirect back to Sakuga.
   */
  async function signIn(authorizationUrl: string, accountId: string | null): Promise<URL> {
    nextSignIn = accountId === null ? { refuse: true } : { accountId };
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop += 1) {
      if (url.href.startsWith(redirectUri)) return url;
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair!.split('=');
        jar.set(name!.trim(), value.join('='));
      }
      const location = response.headers.get('location');
      assert.ok(location, `the provider stopped at ${url.pathname} with ${response.status}: ${await response.text()}`);
      url = new URL(location, url);
    }
    assert.fail('too many redirects at the provider');
  }

  return {
    issuer,
    addAccount: (account: ProviderAccount) => void accounts.set(account.sub, account),
    signIn,
    /** For a real browser going through the provider: who the next login there signs in as (null: the person refuses). */
    nextLoginAs: (accountId: string | null) => void (nextSignIn = accountId === null ? { refuse: true } : { accountId }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;
