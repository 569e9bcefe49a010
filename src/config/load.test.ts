import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load.js';
import { allVariables } from './variables.js';

const STRONG_KEY = 'q7Vd0aXk3mWcLr9TnB2yPzHs5uGfJe8C_-1oKi4wQxE';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

test('defaults: embedded SQLite under ./data, loopback on 8080, nothing trusted', () => {
  const config = loadConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, join(process.cwd(), 'data'));
  assert.deepEqual(config.database, { kind: 'sqlite', file: join(process.cwd(), 'data', 'sakuga.db') });
  assert.deepEqual(config.corsOrigins, []);
  assert.deepEqual(config.trustProxy, []);
  assert.equal(config.secrets.SAKUGA_SECRET_KEY, undefined);
});

test('the config is frozen all the way down', () => {
  const config = loadConfig({ CORS_ORIGINS: 'https://a.example' });
  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.corsOrigins));
  assert.ok(Object.isFrozen(config.database));
  assert.throws(() => (config.corsOrigins as string[]).push('https://evil.example'));
});

test('every invalid variable is reported at once', () => {
  const problems = problemsOf({
    PORT: 'eighty',
    LOG_LEVEL: 'loud',
    CORS_ORIGINS: '*',
    TRUST_PROXY: '10.0.0.0/99',
    DATABASE_URL: 'mysql://db/x',
    SAKUGA_DATADIR: '/tmp/typo',
  });
  const names = problems.map((p) => p.split(':')[0]);
  assert.deepEqual(names.sort(), ['CORS_ORIGINS', 'DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SAKUGA_DATADIR', 'TRUST_PROXY']);
});

test('a malformed DATABASE_URL is named without echoing its value', () => {
  const problems = problemsOf({ DATABASE_URL: 'postgres//admin:hunter2-very-secret@db' });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^DATABASE_URL: /);
  assert.doesNotMatch(problems.join('\n'), /hunter2/);
});

test('secrets can come from NAME_FILE, trailing newline removed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sakuga-config-'));
  const file = join(dir, 'db-url');
  writeFileSync(file, 'postgres://sakuga:pw@127.0.0.1:5432/sakuga\n');
  const keyFile = join(dir, 'key');
  writeFileSync(keyFile, `${STRONG_KEY}\n`);
  const config = loadConfig({ DATABASE_URL_FILE: file, SAKUGA_SECRET_KEY_FILE: keyFile });
  assert.equal(config.database.kind, 'postgres');
  assert.equal(config.database.kind === 'postgres' && config.database.url.reveal(), readFileSync(file, 'utf8').trim());
  assert.equal(config.secrets.SAKUGA_SECRET_KEY?.reveal(), STRONG_KEY);
});

test('an unreadable NAME_FILE refuses to load and names the variable', () => {
  const problems = problemsOf({ DATABASE_URL_FILE: '/nonexistent/sakuga/db-url' });
  assert.deepEqual(problems, ['DATABASE_URL_FILE: cannot read the file it names (ENOENT)']);
});

test('NAME and NAME_FILE together is an error; public variables have no _FILE form', () => {
  const problems = problemsOf({ SAKUGA_SECRET_KEY: STRONG_KEY, SAKUGA_SECRET_KEY_FILE: '/x', PORT_FILE: '/y' });
  assert.equal(problems.length, 2);
  assert.ok(problems.some((p) => p.startsWith('SAKUGA_SECRET_KEY: set either')));
  assert.ok(problems.some((p) => p.startsWith('PORT_FILE: only secrets')));
});

test('weak or placeholder keys are refused, not warned about', () => {
  for (const weak of ['short', 'changeme-changeme-changeme-changeme', 'abababababababababababababababababab']) {
    const problems = problemsOf({ SAKUGA_ENCRYPTION_KEY: weak });
    assert.equal(problems.length, 1, weak);
    assert.match(problems[0]!, /^SAKUGA_ENCRYPTION_KEY: /);
    assert.doesNotMatch(problems[0]!, new RegExp(weak));
  }
});

test('secrets never show up when the config is logged or serialised', () => {
  const config = loadConfig({ SAKUGA_SECRET_KEY: STRONG_KEY, DATABASE_URL: 'postgres://u:pass-word-x@h/db' });
  const printed = `${JSON.stringify(config)} ${inspect(config, { depth: 5 })} ${String(config.secrets.SAKUGA_SECRET_KEY)}`;
  assert.doesNotMatch(printed, new RegExp(STRONG_KEY));
  assert.doesNotMatch(printed, /pass-word-x/);
});

test('.env.example documents every variable, and only those', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
  assert.deepEqual([...documented].sort(), Object.keys(allVariables).sort());
});

test('the strength rule never refuses a key Sakuga itself generates', async () => {
  const { randomToken } = await import('../crypto/tokens.js');
  const { secretVariables } = await import('./variables.js');
  for (let i = 0; i < 5000; i += 1) {
    const key = randomToken(32);
    assert.equal(secretVariables.SAKUGA_SECRET_KEY.parse(key), key);
  }
});

test('single sign-on: off by default; https issuers only, http for this machine alone; never admin by default', () => {
  assert.equal(loadConfig({}).oidc, undefined);
  const config = loadConfig({ PUBLIC_URL: 'https://sakuga.example', OIDC_ISSUER: 'https://auth.example/o/sakuga/', OIDC_CLIENT_ID: 'sakuga', OIDC_CLIENT_SECRET: 'cs' });
  assert.equal(config.oidc?.redirectUri, 'https://sakuga.example/api/auth/oidc/callback');
  assert.deepEqual([config.oidc?.autoProvision, config.oidc?.linkByEmail, config.oidc?.defaultRole], [false, false, 'viewer']);
  assert.doesNotMatch(inspect(config, { depth: 5 }) + JSON.stringify(config), /"cs"|'cs'/);
  assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080', OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'x' }).oidc?.issuer, 'http://127.0.0.1:9000');

  const names = (env: Record<string, string>) => problemsOf(env).map((p) => p.split(':')[0]);
  assert.deepEqual(names({ OIDC_ISSUER: 'http://auth.lan/o/sakuga/', PUBLIC_URL: 'https://s.example', OIDC_CLIENT_ID: 'x' }), ['OIDC_ISSUER']);
  assert.deepEqual(names({ OIDC_ISSUER: 'https://auth.example' }).sort(), ['OIDC_ISSUER', 'OIDC_ISSUER']);
  assert.deepEqual(names({ OIDC_DEFAULT_ROLE: 'admin', OIDC_SCOPES: 'email profile', OIDC_AUTO_PROVISION: 'maybe' }).sort(), [
    'OIDC_AUTO_PROVISION',
    'OIDC_DEFAULT_ROLE',
    'OIDC_SCOPES',
  ]);
});
