import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ERROR_SENTENCES } from '../../web/src/api/error-messages.js';
import { errorCatalogues } from './error-catalogue.js';

test('the web app has a sentence for every error code the server can send, and only for those', () => {
  const serverCodes = new Set(Object.values(errorCatalogues).flatMap((catalogue) => Object.keys(catalogue)));
  const webCodes = new Set(Object.keys(ERROR_SENTENCES));
  assert.deepEqual([...serverCodes].filter((code) => !webCodes.has(code)), [], 'codes without a sentence in web/src/api/error-messages.ts');
  assert.deepEqual([...webCodes].filter((code) => !serverCodes.has(code)), [], 'sentences for codes the server does not have');
  for (const [code, sentence] of Object.entries(ERROR_SENTENCES)) {
    assert.match(sentence, /^[A-Z].*[.)]$/, `${code}: a sentence starts with a capital and ends with a full stop`);
    assert.doesNotMatch(sentence, /\/api\/|\b(GET|POST|PUT|PATCH|DELETE) /, `${code}: no API paths or methods for people`);
  }
});
