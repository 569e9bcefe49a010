import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import QRCode from 'qrcode';
import { createTestApp, type TestApp } from './helpers/app.js';
import { auditEvents } from './helpers/audit.js';
import { bearer, createUser, loginWithToken } from './helpers/auth.js';
import { MINUTE, manualClock } from './helpers/clock.js';
import { scratchDir } from './helpers/dub-media.js';
import { insertFinishedDub } from './helpers/dub-fixture.js';
import { hlsArtifacts } from './helpers/hls-fixture.js';
import { insertTestFile } from './helpers/jobs.js';

const UA = {
  iosSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 Mobile Safari/537.36',
  desktopFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
};
/** What app.inject sends as Host, so the origin a reply is built from. */
const ORIGIN = 'http://localhost:80';
const SIGNED_HLS = /^\/api\/jobs\/([0-9a-f]{32})\/hls\/(hls[\w.-]*)\?sig_exp=(\d+)&sig_uid=[\w-]+&sig_by=[sk]:[\w-]+&sig_kid=[0-9a-f]{8}&sig=[\w-]{43}$/;

/** Every URI a playlist names: its URI lines and URI="…" attributes. */
function urisOf(playlist: string): string[] {
  return playlist.split('\n').flatMap((line) => (line.startsWith('#') ? [...line.matchAll(/URI="([^"]*)"/g)].map((match) => match[1]!) : line.trim() ? [line.trim()] : []));
}
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

describe('playback of a dub: HLS, sources and the job QR', () => {
  let t: TestApp;
  let files: Record<string, Buffer>;
  let mika: string;
  let token: string;
  let job: string;
  const clock = manualClock(new Date());
  const dir = scratchDir('playback');
  const playback = (id: string, userAgent: string, auth = token) => t.app.inject({ url: `/api/jobs/${id}/playback`, headers: { ...bearer(auth), 'user-agent': userAgent } });

  before(async () => {
    files = await hlsArtifacts(dir);
    t = await createTestApp({ now: clock.now });
    mika = (await createUser(t, 'mika', 'viewer')).id;
    token = (await loginWithToken(t, 'mika')).access_token;
    job = await insertFinishedDub(t, mika, files);
  });
  after(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a playlist opened by a signed URL names every file by a signed URL with the same expiry; each opens with no cookie or header', async () => {
    const reply = await playback(job, UA.iosSafari);
    assert.equal(reply.statusCode, 200, reply.body);
    const master = reply.json().sources[0];
    assert.equal(master.kind, 'hls');
    const masterPath = pathOf(master.url);
    const expiry = SIGNED_HLS.exec(masterPath)?.[3];
    assert.ok(expiry, masterPath);

    const seen = new Set<string>();
    const queue = [masterPath];
    while (queue.length > 0) {
      const path = queue.shift()!;
      const [, jobId, name, exp] = SIGNED_HLS.exec(path) ?? [];
      assert.equal(jobId, job, path);
      assert.equal(exp, expiry, `${name}: a child URL expires with the playlist's own`);
      if (seen.has(name!)) continue;
      seen.add(name!);
      if (name!.endsWith('.m3u8')) {
        const opened = await t.app.inject({ url: path });
        assert.equal(opened.statusCode, 200, opened.body);
        assert.equal(opened.headers['content-type'], 'application/vnd.apple.mpegurl');
        assert.equal(opened.headers['cache-control'], 'no-store');
        const uris = urisOf(opened.body);
        assert.ok(uris.length > 0);
        for (const uri of uris) assert.match(uri, SIGNED_HLS, `${name} names only signed URLs of this package`);
        queue.push(...uris);
      } else {
        const opened = await t.app.inject({ url: path, headers: { range: 'bytes=0-187' } });
        assert.equal(opened.statusCode, 206, `${name}: ${opened.body.slice(0, 200)}`);
        assert.deepEqual(opened.rawPayload, files[name!]!.subarray(0, 188));
      }
    }
    assert.deepEqual([...seen].sort(), Object.keys(files).filter((name) => name.startsWith('hls')).sort(), 'the master reaches every file of the package');
  });

  test('a child URL moved to another job, or given a later expiry, is refused; children die when the playlist\'s URL does', async () => {
    const other = await insertFinishedDub(t, mika, { 'hls-video.ts': files['hls-video.ts']! });
    const minted = await t.app.inject({ method: 'POST', url: '/api/signed-urls', headers: bearer(token), payload: { path: `/api/jobs/${job}/hls/hls-video.m3u8`, expires_in: 60 } });
    assert.equal(minted.statusCode, 200, minted.body);
    const playlist = await t.app.inject({ url: minted.json().url });
    assert.equal(playlist.statusCode, 200, playlist.body);
    const child = urisOf(playlist.body)[0]!;
    assert.equal(SIGNED_HLS.exec(child)?.[3], String(Date.parse(minted.json().expires_at) / 1000), 'at most the expiry of the URL that opened the playlist');
    assert.equal((await t.app.inject({ url: child, headers: { range: 'bytes=0-0' } })).statusCode, 206);

    const moved = await t.app.inject({ url: child.replace(job, other) });
    assert.deepEqual([moved.statusCode, moved.json().error.code], [403, 'signed_url_invalid'], 'another job of the same user');
    const extended = await t.app.inject({ url: child.replace(/sig_exp=(\d+)/, (_m, exp: string) => `sig_exp=${Number(exp) + 3600}`) });
    assert.deepEqual([extended.statusCode, extended.json().error.code], [403, 'signed_url_invalid'], 'a later expiry');

    clock.advance(MINUTE + 1000);
    const expired = await t.app.inject({ url: child });
    assert.deepEqual([expired.statusCode, expired.json().error.code], [403, 'signed_url_invalid']);
    assert.equal(auditEvents(t).filter((event) => event.action === 'signed_url.denied').at(-1)?.details.reason, 'expired');
  });

  test('with the session itself (bearer or cookie) a playlist keeps its relative names', async () => {
    for (const name of ['hls.m3u8', 'hls-video.m3u8', 'hls-subtitles.m3u8']) {
      const opened = await t.app.inject({ url: `/api/jobs/${job}/hls/${name}`, headers: bearer(token) });
      assert.equal(opened.statusCode, 200, opened.body);
      assert.equal(opened.body, files[name]!.toString('utf8').replace(/\n$/, '') + '\n');
    }
  });

  test('a planted playlist naming anything but a file of the package is refused with a code, no details', async () => {
    const playlist = files['hls-video.m3u8']!.toString('utf8');
    for (const uri of ['https://elsewhere.example/steal.ts', `/api/jobs/${job}/artifacts/dubbed.mp4`, 'segments.json', 'hls-extra.ts']) {
      const planted = await insertFinishedDub(t, mika, { 'hls-video.m3u8': playlist.replace(/^hls-video\.ts$/m, uri), 'hls-video.ts': files['hls-video.ts']!, 'segments.json': '{}' });
      const opened = await t.app.inject({ url: `/api/jobs/${planted}/hls/hls-video.m3u8`, headers: bearer(token) });
      assert.deepEqual([opened.statusCode, opened.json().error.code], [500, 'playlist_invalid'], uri);
      assert.doesNotMatch(opened.body, /elsewhere|artifacts\/|segments\.json|hls-extra|sakuga-|\.ts:\d|\n\s+at /, 'nothing of the playlist or the server in the reply');
    }
  });

  test('Range on the package\'s media: 206 with Content-Range, a suffix, past the end 416, several ranges 416, HEAD', async () => {
    const url = `/api/jobs/${job}/hls/hls-dub.ts`;
    const size = files['hls-dub.ts']!.length;
    const get = (range?: string, method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url, headers: { ...bearer(token), ...(range && { range }) } });

    const first = await get('bytes=188-375');
    assert.equal(first.statusCode, 206);
    assert.equal(first.headers['content-range'], `bytes 188-375/${size}`);
    assert.equal(first.headers['content-type'], 'video/mp2t');
    assert.deepEqual(first.rawPayload, files['hls-dub.ts']!.subarray(188, 376));

    const suffix = await get('bytes=-188');
    assert.equal(suffix.statusCode, 206);
    assert.equal(suffix.headers['content-range'], `bytes ${size - 188}-${size - 1}/${size}`);
    assert.deepEqual(suffix.rawPayload, files['hls-dub.ts']!.subarray(size - 188));

    const past = await get(`bytes=${size}-`);
    assert.deepEqual([past.statusCode, past.json().error.code, past.headers['content-range']], [416, 'range_not_satisfiable', `bytes */${size}`]);
    const several = await get('bytes=0-0,10-20');
    assert.deepEqual([several.statusCode, several.json().error.code], [416, 'multiple_ranges_unsupported']);

    const head = await get(undefined, 'HEAD');
    assert.deepEqual([head.statusCode, Number(head.headers['content-length']), head.headers['accept-ranges'], head.body], [200, size, 'bytes', '']);
    const whole = await get();
    assert.deepEqual([whole.statusCode, whole.rawPayload.length], [200, size]);

    const vtt = await t.app.inject({ url: `/api/jobs/${job}/hls/hls-subtitles.vtt`, headers: { ...bearer(token), range: 'bytes=0-5' } });
    assert.deepEqual([vtt.statusCode, vtt.headers['content-type'], vtt.body], [206, 'text/vtt', 'WEBVTT']);
    const artifact = await t.app.inject({ url: `/api/jobs/${job}/artifacts/hls-dub.ts`, headers: bearer(token) });
    assert.equal(artifact.headers['content-type'], 'video/mp2t', 'the artifact route agrees on the type');
  });

  test('the HLS route serves the package only: other artifacts are not names it takes, a missing file is 404', async () => {
    for (const name of ['dubbed.mp4', 'segments.json', 'subtitles.en.vtt', 'hls.ts', '..%2Fdubbed.mp4']) {
      const response = await t.app.inject({ url: `/api/jobs/${job}/hls/${name}`, headers: bearer(token) });
      assert.equal(response.statusCode, 400, name);
    }
    const missing = await t.app.inject({ url: `/api/jobs/${job}/hls/hls-missing.ts`, headers: bearer(token) });
    assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'artifact_not_found']);
  });

  test('sources in the order each browser plays best, only what exists; the signed URLs open the right files', async () => {
    const kinds = async (userAgent: string) => (await playback(job, userAgent)).json().sources.map((source: { kind: string; name: string }) => `${source.kind}:${source.name}`);
    assert.deepEqual(await kinds(UA.iosSafari), ['hls:hls.m3u8', 'mp4:mobile.mp4', 'master:dubbed.mp4']);
    assert.deepEqual(await kinds(UA.androidChrome), ['mp4:mobile.mp4', 'hls:hls.m3u8', 'master:dubbed.mp4']);
    assert.deepEqual(await kinds(UA.desktopFirefox), ['mp4:mobile.mp4', 'hls:hls.m3u8', 'master:dubbed.mp4']);

    const body = (await playback(job, UA.androidChrome)).json();
    assert.equal(body.job_id, job);
    assert.deepEqual(body.sources.map((source: { type: string }) => source.type), ['video/mp4', 'application/vnd.apple.mpegurl', 'video/mp4']);
    for (const source of body.sources) {
      assert.ok(source.url.startsWith(`${ORIGIN}/api/jobs/${job}/`), source.url);
      const opened = await t.app.inject({ url: pathOf(source.url), headers: { range: 'bytes=0-99' } });
      assert.ok([200, 206].includes(opened.statusCode), `${source.name}: ${opened.statusCode}`);
      if (source.kind !== 'hls') assert.deepEqual(opened.rawPayload, files[source.name]!.subarray(0, 100), source.name);
    }
    assert.deepEqual(body.subtitles.map((track: { language: string; name: string }) => [track.language, track.name]), [['en', 'subtitles.en.vtt']]);
    assert.equal((await t.app.inject({ url: pathOf(body.subtitles[0].url) })).body, files['subtitles.en.vtt']!.toString('utf8'));

    assert.equal(body.vlc_url, `vlc://${body.sources[0].url}`);
    const first = new URL(body.sources[0].url);
    assert.equal(body.android_intent_url, `intent://${first.host}${first.pathname}${first.search}#Intent;scheme=http;type=video/*;package=org.videolan.vlc;S.browser_fallback_url=${encodeURIComponent(body.sources[0].url)};end`);
    assert.equal(decodeURIComponent(/S\.browser_fallback_url=([^;]*);end$/.exec(body.android_intent_url)![1]!), body.sources[0].url);
    assert.equal(body.page_url, `${ORIGIN}/jobs/${job}`);
  });

  test('without mobile.mp4, dubbed.mp4 is the phone source (the package skipped it: already fit) and not listed twice; a dub from before HLS plays its master', async () => {
    const { 'mobile.mp4': _mobile, ...withoutMobile } = files;
    const fit = await insertFinishedDub(t, mika, withoutMobile);
    assert.deepEqual((await playback(fit, UA.androidChrome)).json().sources.map((source: { kind: string; name: string }) => `${source.kind}:${source.name}`), ['mp4:dubbed.mp4', 'hls:hls.m3u8']);
    const older = await insertFinishedDub(t, mika, { 'dubbed.mp4': files['dubbed.mp4']! });
    assert.deepEqual((await playback(older, UA.iosSafari)).json().sources.map((source: { kind: string }) => source.kind), ['master']);
  });

  test('the revision stays while the files played stay the same, though every reply signs new URLs; a re-rendered file changes it', async () => {
    const first = (await playback(job, UA.androidChrome)).json();
    clock.advance(1_000);
    const again = (await playback(job, UA.androidChrome)).json();
    assert.notEqual(again.sources[0].url, first.sources[0].url, 'new signed URLs');
    assert.equal(again.revision, first.revision);
    assert.equal((await playback(job, UA.iosSafari)).json().revision, first.revision, 'the same files in another order');
    // A re-render replaces files under the same names: their hashes change.
    const rehash = async (name: string, sha256: string) => {
      const [updated] = await t.services.db.updateTable('job_artifacts').set({ sha256 }).where('job_id', '=', job).where('name', '=', name).execute();
      assert.equal(updated?.numUpdatedRows, 1n, name);
    };
    const original = await t.services.db.selectFrom('job_artifacts').select(['name', 'sha256']).where('job_id', '=', job).execute();
    await rehash('hls-video.ts', 'f'.repeat(64));
    const rerendered = (await playback(job, UA.androidChrome)).json();
    assert.notEqual(rerendered.revision, first.revision, 'a segment of the HLS package changed');
    await rehash('subtitles.en.vtt', 'e'.repeat(64));
    assert.notEqual((await playback(job, UA.androidChrome)).json().revision, rerendered.revision, 'the subtitles changed');
    for (const row of original) await rehash(row.name, row.sha256);
    assert.equal((await playback(job, UA.androidChrome)).json().revision, first.revision);
  });

  test('nothing to play is 409; a job that is not a dub is not_a_dub', async () => {
    const unfinished = await insertFinishedDub(t, mika, { 'segments.json': '{}' });
    const nothing = await playback(unfinished, UA.androidChrome);
    assert.deepEqual([nothing.statusCode, nothing.json().error.code], [409, 'nothing_to_play']);
    await t.services.db.updateTable('jobs').set({ type: 'generate' }).where('id', '=', unfinished).execute();
    assert.equal((await playback(unfinished, UA.androidChrome)).json().error.code, 'not_a_dub');
  });

  test('the URLs live twice the film: an hour at least, 24 hours at most, 4 hours when its length is unknown', async () => {
    const lifetime = async (durationSeconds: number | undefined) => {
      const id = await insertFinishedDub(t, mika, { 'dubbed.mp4': files['dubbed.mp4']! });
      if (durationSeconds !== undefined) {
        const upload = await insertTestFile(t, mika, 'video', 'film.mp4', 'x', { durationSeconds, streams: [{ type: 'video' }, { type: 'audio' }] });
        await t.services.db.updateTable('jobs').set({ options: JSON.stringify({ upload_id: upload, target_language: 'en' }) }).where('id', '=', id).execute();
      }
      const body = (await playback(id, UA.androidChrome)).json();
      const exp = Number(/sig_exp=(\d+)/.exec(body.sources[0].url)![1]);
      assert.equal(exp * 1000, Date.parse(body.expires_at));
      return exp - Math.floor(clock.now().getTime() / 1000);
    };
    assert.equal(await lifetime(undefined), 4 * 3600);
    assert.equal(await lifetime(6), 3600);
    assert.equal(await lifetime(2 * 3600), 4 * 3600);
    assert.equal(await lifetime(20 * 3600), 24 * 3600);
  });

  test('a viewer plays their dub but cannot edit it; their read:job key gets links bound to the key', async () => {
    assert.equal((await playback(job, UA.androidChrome)).statusCode, 200);
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/jobs/${job}/segments/s0001`, headers: { ...bearer(token), 'if-match': '"x"' }, payload: { target_text: 'No.' } });
    assert.equal(edit.statusCode, 403);
    const key = (await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(token), payload: { name: 'tv', scopes: ['read:job'] } })).json().key as string;
    const byKey = await playback(job, UA.androidChrome, key);
    assert.equal(byKey.statusCode, 200, byKey.body);
    const master = byKey.json().sources.find((source: { kind: string }) => source.kind === 'hls');
    assert.match(master.url, /sig_by=k:/);
    const opened = await t.app.inject({ url: pathOf(master.url) });
    assert.equal(opened.statusCode, 200);
    for (const uri of urisOf(opened.body)) assert.match(uri, /sig_by=k:/, 'children are bound to the same key');
  });

  test('the QR code is the job page\'s address, with no credential in it', async () => {
    const response = await t.app.inject({ url: `/api/jobs/${job}/qrcode`, headers: bearer(token) });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-type'], 'image/svg+xml');
    assert.equal(response.headers['cache-control'], 'private, max-age=300');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const page = `${ORIGIN}/jobs/${job}`;
    assert.doesNotMatch(page, /sig|token|key=/);
    assert.equal(response.body, await QRCode.toString(page, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  });
});

describe('playback behind PUBLIC_URL', () => {
  test('sources, links, the page and the QR code use PUBLIC_URL, not the Host a request names', async () => {
    const t = await createTestApp({ env: { PUBLIC_URL: 'https://sakuga.example' } });
    try {
      const user = await createUser(t, 'sora', 'viewer');
      const { access_token } = await loginWithToken(t, 'sora');
      const id = await insertFinishedDub(t, user.id, { 'dubbed.mp4': 'not a real video' });
      const headers = { ...bearer(access_token), host: 'evil.example' };
      const body = (await t.app.inject({ url: `/api/jobs/${id}/playback`, headers })).json();
      assert.match(body.sources[0].url, /^https:\/\/sakuga\.example\/api\/jobs\//);
      assert.match(body.android_intent_url, /^intent:\/\/sakuga\.example\/api\/jobs\/.*#Intent;scheme=https;/);
      assert.equal(body.page_url, `https://sakuga.example/jobs/${id}`);
      const qr = await t.app.inject({ url: `/api/jobs/${id}/qrcode`, headers });
      assert.equal(qr.body, await QRCode.toString(`https://sakuga.example/jobs/${id}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    } finally {
      await t.close();
    }
  });
});
