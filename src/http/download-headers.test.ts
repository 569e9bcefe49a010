import assert from 'node:assert/strict';
import { test } from 'node:test';
import contentDisposition from 'content-disposition';
import { downloadHeaders } from './download-headers.js';

test('downloads name the file safely (RFC 6266), never sniff, and run nothing', () => {
  const headers = downloadHeaders('第1話 "final".mp4');
  assert.equal(headers['content-disposition'], `attachment; filename="?1? final.mp4"; filename*=UTF-8''%E7%AC%AC1%E8%A9%B1%20final.mp4`);
  assert.equal(contentDisposition.parse(headers['content-disposition']!).parameters.filename, '第1話 final.mp4');
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.match(headers['content-security-policy']!, /sandbox/);
});

test('header injection and path tricks in a name are neutralised', () => {
  const headers = downloadHeaders('evil\r\nSet-Cookie: a=1;/../../x.html');
  assert.doesNotMatch(headers['content-disposition']!, /[\r\n]/);
  const parsed = contentDisposition.parse(headers['content-disposition']!);
  assert.equal(parsed.parameters.filename, 'evilSet-Cookie a=1;....x.html');
  assert.equal(downloadHeaders('clip.mp4', { inline: true })['content-disposition'], 'inline; filename="clip.mp4"');
});
