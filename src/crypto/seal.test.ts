import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from '../config/secret.js';
import { createSealer } from './seal.js';

const kek = new Secret('q7Vd0aXk3mWcLr9TnB2yPzHs5uGfJe8C_-1oKi4wQxE');

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
  assert.throws(() => createSealer(new Secret('Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4Nm6'), 'totp').open(sealed, 'user:1'));
  const parts = sealed.split('.');
  const body = Buffer.from(parts[3]!, 'base64url');
  body[0]! ^= 1;
  assert.throws(() => sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'user:1'));
  assert.throws(() => sealer.open('v2.x.y.z', 'user:1'), /unsupported/);
});
