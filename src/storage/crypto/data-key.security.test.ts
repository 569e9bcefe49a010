import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createKeyring, DataKeyError, keyIdOf, newDataKey, WRAPPED_BYTES } from './data-key.js';

const kek1 = randomBytes(32);
const kek2 = randomBytes(32);

test('a data key wraps under the active key and unwraps for its own blob only', () => {
  const ring = createKeyring([kek1], keyIdOf(kek1));
  const blob = randomBytes(16);
  const dataKey = newDataKey();
  const wrapped = ring.wrap(dataKey, blob);
  assert.equal(wrapped.kid, keyIdOf(kek1));
  assert.equal(wrapped.wrapped.length, WRAPPED_BYTES);
  assert.equal(wrapped.wrapped.indexOf(dataKey), -1, 'the data key is not in the wrapped bytes');
  assert.deepEqual(ring.unwrap(wrapped, blob), dataKey);
  assert.throws(() => ring.unwrap(wrapped, randomBytes(16)), DataKeyError, 'copied onto another blob');
  const flipped = Buffer.from(wrapped.wrapped);
  flipped[20]! ^= 1;
  assert.throws(() => ring.unwrap({ kid: wrapped.kid, wrapped: flipped }, blob), DataKeyError);
  assert.throws(() => ring.unwrap({ kid: wrapped.kid, wrapped: wrapped.wrapped.subarray(0, 40) }, blob), DataKeyError);
});

test('rotation: the new key wraps, the old one still unwraps; a keyring without a key cannot, and a relabelled key fails', () => {
  const blob = randomBytes(16);
  const dataKey = newDataKey();
  const old = createKeyring([kek1], keyIdOf(kek1)).wrap(dataKey, blob);
  const rotated = createKeyring([kek1, kek2], keyIdOf(kek2));
  assert.deepEqual(rotated.unwrap(old, blob), dataKey);
  const rewrapped = rotated.wrap(rotated.unwrap(old, blob), blob);
  assert.equal(rewrapped.kid, keyIdOf(kek2));
  const retired = createKeyring([kek2], keyIdOf(kek2));
  assert.deepEqual(retired.unwrap(rewrapped, blob), dataKey);
  assert.throws(() => retired.unwrap(old, blob), /not in the keyring/);
  assert.throws(() => rotated.unwrap({ kid: keyIdOf(kek2), wrapped: old.wrapped }, blob), DataKeyError, 'the key id is bound too');
  assert.throws(() => createKeyring([kek1], keyIdOf(kek2)), DataKeyError);
});
