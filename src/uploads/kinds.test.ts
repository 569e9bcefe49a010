import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionOf, isUploadKind, sanitiseFilename } from './kinds.js';

test('file names lose separators, control characters, CR/LF and bidi tricks, and never become empty', () => {
  assert.equal(sanitiseFilename('../../etc/passwd'), 'etcpasswd');
  assert.equal(sanitiseFilename('..\\..\\win.ini'), 'win.ini');
  assert.equal(sanitiseFilename('clip\r\nSet-Cookie: x=1.mp4'), 'clipSet-Cookie x=1.mp4');
  assert.equal(sanitiseFilename('$(id);rm -rf.mp4'), '$(id);rm -rf.mp4', 'shell characters are harmless in metadata');
  assert.equal(sanitiseFilename('evil\u202Egpj.mp4'), 'evilgpj.mp4');
  assert.equal(sanitiseFilename('\u0000\u0007'), 'upload');
  assert.equal(sanitiseFilename('a'.repeat(500)).length, 200);
});

test('extensions and kinds', () => {
  assert.equal(extensionOf('Episode.01.MP4'), '.mp4');
  assert.equal(extensionOf('.hidden'), '');
  assert.equal(extensionOf('noext'), '');
  assert.ok(isUploadKind('video'));
  assert.ok(!isUploadKind('toString'));
  assert.ok(!isUploadKind('executable'));
});
