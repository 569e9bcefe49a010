import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errorCatalogues } from './error-catalogue.js';

const definitions = Object.values(errorCatalogues).flatMap((catalogue) => Object.values(catalogue));

test('error codes are unique snake_case with an error status', () => {
  const codes = definitions.map((d) => d.code);
  assert.equal(new Set(codes).size, codes.length, 'duplicate codes');
  for (const d of definitions) {
    assert.match(d.code, /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, d.code);
    assert.ok(d.status >= 400 && d.status <= 599, d.code);
    assert.ok(d.message.length > 0, d.code);
  }
});

test('docs/errors.md lists every code with its status, and nothing else', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z0-9_]+)` \| (\d{3}) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  const expected = definitions.map((d) => `${d.code} ${d.status}`);
  assert.deepEqual([...rows].sort(), [...expected].sort());
});
