import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REJECTION_SENTENCES } from '../../web/src/pages/uploads/rejection-reasons.js';
import { IMPORT_FAILED } from './import-picked.js';
import { REJECTIONS } from './validation.js';

test('the upload page has a sentence for every rejection reason the server sends, and only for those', () => {
  const serverReasons: string[] = [...REJECTIONS, IMPORT_FAILED];
  const webReasons = Object.keys(REJECTION_SENTENCES);
  assert.deepEqual(serverReasons.filter((reason) => !webReasons.includes(reason)), [], 'reasons without a sentence in web/src/pages/uploads/rejection-reasons.ts');
  assert.deepEqual(webReasons.filter((reason) => !serverReasons.includes(reason)), [], 'sentences for reasons the server never sends');
  for (const [reason, sentence] of Object.entries(REJECTION_SENTENCES)) assert.match(sentence, /^[A-Z].*\.$/, `${reason}: a sentence`);
});
