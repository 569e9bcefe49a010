import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../config/secret.js';
import { createSealer } from './seal.js';

const server = { kid: 'server', kek: 'q7Vd0aXk3mWcLr9TnB2yPzHs5uGfJe8C_-1oKi4wQxE' };
const kek = { active: server, others: [] };
const onlyKey = (kid: string, text: string) => ({ active: { kid, kek: new Secret(text).reveal() }, others: [] });

test('seal then open round-trips, with a fresh IV every time', () => {
  const sealer = createSealer(kek, 'totp');
  const a = sealer.seal('JBSWY3DPEHPK3PXP', 'user:1');
  const b = sealer.seal('JBSWY3DPEHPK3PXP', 'user:1');
  assert.notEqual(a, b);
  assert.match(a, /^v1\.[0-9a-f]{12}\.[\w-]+\.[\w-]+$/);
  assert.ok(!a.includes('JBSWY3DPEHPK3PXP'));
  assert.equal(sealer.open(a, 'user:1'), 'JBSWY3DPEHPK3PXP');
});

test('another owner, another purpose, another key or a flipped bit does not open', () => {
  const sealer = createSealer(kek, 'totp');
  const sealed = sealer.seal('secret', 'user:1');
  assert.throws(() => sealer.open(sealed, 'user:2'));
  assert.throws(() => createSealer(kek, 'other').open(sealed, 'user:1'), /unknown key/);
  assert.throws(() => createSealer(onlyKey('other', 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4Nm6'), 'totp').open(sealed, 'user:1'));
  const parts = sealed.split('.');
  const body = Buffer.from(parts[3]!, 'base64url');
  body[0]! ^= 1;
  assert.throws(() => sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'user:1'));
  assert.throws(() => sealer.open('v2.x.y.z', 'user:1'), /unsupported/);
});

test('after a rotation, new secrets go under the new key; the old key still opens what it sealed, and says which key holds each', () => {
  const rotated = { kid: '0123456789abcdef', kek: Buffer.alloc(32, 7) };
  const before = createSealer(kek, 'totp').seal('old secret', 'user:1');
  const after = createSealer({ active: rotated, others: [server] }, 'totp');
  const fresh = after.seal('new secret', 'user:1');
  assert.equal(after.open(before, 'user:1'), 'old secret');
  assert.equal(after.open(fresh, 'user:1'), 'new secret');
  assert.deepEqual([after.sealedUnder(before), after.sealedUnder(fresh)], ['server', rotated.kid]);
  assert.throws(() => createSealer(kek, 'totp').open(fresh, 'user:1'), /unknown key/, 'the old key alone cannot open the new');
});
