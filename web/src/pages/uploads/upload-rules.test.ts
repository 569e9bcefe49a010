import { describe, expect, test } from 'vitest';
import { formatBytes, formatDuration, percentOf } from './format';
import { acceptedExtensions, planUpload, type UploadLimits } from './upload-rules';

const limits: UploadLimits = {
  kinds: [
    { kind: 'video', extensions: ['.mp4', '.webm'], max_bytes: 4_000_000_000 },
    { kind: 'image', extensions: ['.png'], max_bytes: 10_000_000 },
    { kind: 'audio', extensions: ['.wav', '.webm'], max_bytes: 5_000_000 },
  ],
  max_video_seconds: 10_800,
  max_audio_seconds: 600,
};

describe('planUpload', () => {
  test('the kind comes from the extension, case-insensitively; the first kind that takes it wins', () => {
    expect(planUpload({ name: 'Episode 1.MP4', size: 10 }, limits)).toEqual({ ok: true, kind: 'video' });
    expect(planUpload({ name: 'take.webm', size: 10 }, limits)).toEqual({ ok: true, kind: 'video' });
    expect(planUpload({ name: 'cover.png', size: 10 }, limits)).toEqual({ ok: true, kind: 'image' });
  });

  test('an extension no kind takes is refused with what is taken', () => {
    expect(planUpload({ name: 'notes.txt', size: 10 }, limits)).toEqual({ ok: false, problem: 'Files ending in .txt are not accepted. Sakuga takes .mp4, .webm, .png, .wav, .webm.' });
    expect(planUpload({ name: 'README', size: 10 }, limits)).toMatchObject({ ok: false, problem: expect.stringMatching(/^Files without an extension/) });
  });

  test('a file over its kind\'s limit is refused with both sizes; an empty one too', () => {
    expect(planUpload({ name: 'big.png', size: 12_500_000 }, limits)).toEqual({ ok: false, problem: 'This image is 12 MB; this server takes at most 10 MB.' });
    expect(planUpload({ name: 'empty.png', size: 0 }, limits)).toEqual({ ok: false, problem: 'The file is empty.' });
  });

  test('accept lists each extension once', () => {
    expect(acceptedExtensions(limits)).toBe('.mp4,.webm,.png,.wav');
  });
});

test('formatBytes: decimal units, rounded down', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(999)).toBe('999 B');
  expect(formatBytes(1000)).toBe('1 KB');
  expect(formatBytes(2_490_000)).toBe('2.4 MB');
  expect(formatBytes(12_999_999)).toBe('12 MB');
  expect(formatBytes(4_000_000_000)).toBe('4 GB');
});

test('percentOf: whole percent, 100 only when all is sent', () => {
  expect(percentOf(0, 200)).toBe(0);
  expect(percentOf(199, 200)).toBe(99);
  expect(percentOf(200, 200)).toBe(100);
  expect(percentOf(0, 0)).toBe(100);
});

test('formatDuration', () => {
  expect(formatDuration(2.04)).toBe('0:02');
  expect(formatDuration(65)).toBe('1:05');
  expect(formatDuration(3909)).toBe('1:05:09');
});
