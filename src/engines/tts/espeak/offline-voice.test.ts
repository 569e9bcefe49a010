import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isOfflineVoiceInstalled, type OfflineVoice, type OfflineVoiceError, startOfflineVoice, voiceForLanguage } from './offline-voice.js';
import type { VoiceInfo } from './protocol.js';
import { parsePcm16Wav } from './wav.js';

const skip = isOfflineVoiceInstalled() ? false : 'the optional @echogarden/espeak-ng-emscripten is not installed';

/** Root mean square of 16-bit samples, as a fraction of full scale. */
function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += (sample / 32768) ** 2;
  return Math.sqrt(sum / samples.length);
}

/** −40 dBFS: espeak-ng speaks at about −15; silence, or a few clicks, is far below. */
const RMS_FLOOR = 0.01;

/** The voice programs started by this test process (its children running voice-process). */
function voiceProgramPids(): number[] {
  return readdirSync('/proc/self/task')
    .flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('voice-process');
      } catch {
        return false;
      }
    });
}

function checkClip(dir: string, name: string, answer: { samples: number; sampleRate: number; durationMs: number }, minMs: number, maxMs: number): void {
  const file = readFileSync(join(dir, name));
  const wav = parsePcm16Wav(file);
  assert.equal(wav.sampleRate, 22_050);
  assert.equal(wav.channels, 1);
  assert.equal(file.length, 44 + 2 * answer.samples, 'a canonical 44-byte header, then the samples');
  assert.equal(wav.samples.length, answer.samples);
  assert.equal(answer.sampleRate, 22_050);
  assert.equal(answer.durationMs, Math.round((answer.samples / 22_050) * 1000));
  assert.ok(answer.durationMs > minMs && answer.durationMs < maxMs, `duration ${answer.durationMs} ms should be in (${minMs}, ${maxMs})`);
  const level = rms(wav.samples);
  assert.ok(level > RMS_FLOOR, `RMS ${level.toFixed(4)} should be above ${RMS_FLOOR}`);
  assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600);
}

describe('the offline voice (espeak-ng in its own process)', { skip }, () => {
  let dir: string;
  let voice: OfflineVoice;
  let voices: readonly VoiceInfo[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-voice-'));
    const started = performance.now();
    voice = startOfflineVoice({ cwd: dir });
    voices = await voice.voices();
    console.log(`# offline voice: process start to first answer ${Math.round(performance.now() - started)} ms (from source, under tsx)`);
  });
  after(async () => {
    await voice?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('lists espeak-ng’s voices, each with its languages best first', () => {
    assert.ok(voices.length >= 100, `${voices.length} voices`);
    const american = voices.find((entry) => entry.id === 'gmw/en-US');
    assert.deepEqual(american?.languages[0], { tag: 'en-us', priority: 2 });
    assert.ok(voices.some((entry) => entry.languages.some((language) => language.tag === 'ja')));
    for (const tag of ['ja', 'en', 'en-US', 'pt-BR', 'zh-Hans', 'zh-Hant', 'ko', 'fr', 'de', 'es-419', 'ru', 'vi', 'id', 'th']) {
      assert.equal(voiceForLanguage(tag, voices).matched, true, `${tag} has a voice`);
    }
  });

  test('speaks an English sentence into a valid, audible WAV of plausible length', async () => {
    const text = 'The quick brown fox jumps over the lazy dog near the riverbank.';
    const started = performance.now();
    const answer = await voice.synthesize(text, voiceForLanguage('en-US', voices).voice, 'english.wav');
    const elapsed = performance.now() - started;
    console.log(`# offline voice: English sentence, first use of the voice (loads its dictionary): ${answer.durationMs} ms of audio in ${Math.round(elapsed)} ms, real-time factor ${(elapsed / answer.durationMs).toFixed(3)}`);
    checkClip(dir, 'english.wav', answer, 2_000, 8_000);
  });

  test('speaks Japanese (kana) and Portuguese with the voices their tags map to', async () => {
    const ja = voiceForLanguage('ja', voices);
    assert.deepEqual(ja, { voice: 'jpx/ja', matched: true });
    const started = performance.now();
    const japanese = await voice.synthesize('こんにちは、きょうはいいてんきですね。', ja.voice, 'japanese.wav');
    const elapsed = performance.now() - started;
    console.log(`# offline voice: Japanese sentence, first use of the voice: ${japanese.durationMs} ms of audio in ${Math.round(elapsed)} ms, real-time factor ${(elapsed / japanese.durationMs).toFixed(3)}`);
    checkClip(dir, 'japanese.wav', japanese, 1_000, 6_000);

    const portuguese = await voice.synthesize('Bom dia, como você está hoje?', voiceForLanguage('pt-BR', voices).voice, 'portuguese.wav', { rate: 200 });
    checkClip(dir, 'portuguese.wav', portuguese, 800, 5_000);
  });

  test('real-time factor on a paragraph (printed, not asserted)', async () => {
    const paragraph = 'The offline voice runs on any machine, with no graphics card and no other server. '.repeat(8);
    const started = performance.now();
    const answer = await voice.synthesize(paragraph, 'gmw/en-US', 'paragraph.wav');
    const elapsed = performance.now() - started;
    console.log(`# offline voice: paragraph ${answer.durationMs} ms of audio in ${Math.round(elapsed)} ms, real-time factor ${(elapsed / answer.durationMs).toFixed(3)}`);
    checkClip(dir, 'paragraph.wav', answer, 20_000, 90_000);
  });

  test('a faster rate gives shorter audio for the same text', async () => {
    const text = 'Speaking quickly makes the same words take less time.';
    const slow = await voice.synthesize(text, 'gmw/en-US', 'slow.wav', { rate: 120 });
    const fast = await voice.synthesize(text, 'gmw/en-US', 'fast.wav', { rate: 300 });
    assert.ok(fast.durationMs < slow.durationMs * 0.7, `${fast.durationMs} ms at 300 wpm vs ${slow.durationMs} ms at 120`);
  });

  test('the voice id is matched without regard to letter case', async () => {
    const answer = await voice.synthesize('Case does not matter.', 'GMW/EN-us', 'case.wav');
    assert.ok(answer.samples > 0);
  });

  test('an unknown voice, a bad rate and blank text are refused with their codes, and nothing is written', async () => {
    await assert.rejects(voice.synthesize('Hello.', 'klingon', 'unknown.wav'), (error: OfflineVoiceError) => error.code === 'unknown_voice');
    await assert.rejects(voice.synthesize('Hello.', 'gmw/en-US', 'rate.wav', { rate: 10_000 }), (error: OfflineVoiceError) => error.code === 'bad_request');
    await assert.rejects(voice.synthesize('  \n ', 'gmw/en-US', 'blank.wav'), (error: OfflineVoiceError) => error.code === 'bad_request');
    assert.deepEqual(
      readdirSync(dir).filter((name) => ['unknown.wav', 'rate.wav', 'blank.wav'].includes(name)),
      [],
    );
  });

  test('paths outside the working directory are refused', async () => {
    for (const out of ['../escape.wav', join(dir, 'absolute.wav'), 'a/../../escape.wav', 'nul\0.wav', '']) {
      await assert.rejects(voice.synthesize('Hello.', 'gmw/en-US', out), (error: OfflineVoiceError) => error.code === 'bad_request', JSON.stringify(out));
    }
  });

  test('a voice program killed mid-request rejects that request clearly, and the next call starts a new one', async () => {
    const long = 'This sentence is long enough to keep the voice busy for a while. '.repeat(20);
    const request = voice.synthesize(long, 'gmw/en-US', 'killed.wav');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [pid] = voiceProgramPids();
    assert.ok(pid, 'the voice program is running');
    process.kill(pid, 'SIGKILL');
    await assert.rejects(request, (error: OfflineVoiceError) => {
      assert.equal(error.code, 'voice_process_failed');
      assert.match(error.message, /offline voice process was killed \(SIGKILL\) during the request/);
      return true;
    });
    const restarted = performance.now();
    const answer = await voice.synthesize('I am back.', 'gmw/en-US', 'restarted.wav');
    console.log(`# offline voice: restart to first audio ${Math.round(performance.now() - restarted)} ms`);
    checkClip(dir, 'restarted.wav', answer, 300, 3_000);
    assert.equal(voiceProgramPids().length, 1);
  });
});

describe('the offline voice client’s own limits', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-voice-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a request past its timeout is rejected, its process stopped, and the next call works', async () => {
    // The first answer of a fresh process has start-up time on top, however slow tsx is to start.
    const voice = startOfflineVoice({ cwd: dir, timeoutMs: 500 });
    try {
      await voice.voices();
      // About five minutes of audio at the slowest rate: seconds of synthesis even on a fast machine.
      const long = 'A sentence that goes on and on, so that the voice keeps speaking. '.repeat(30);
      await assert.rejects(voice.synthesize(long, 'gmw/en-US', 'too-long.wav', { rate: 80 }), (error: OfflineVoiceError) => error.code === 'voice_timeout');
      const answer = await voice.synthesize('Short again.', 'gmw/en-US', 'after-timeout.wav');
      assert.ok(answer.samples > 0);
      assert.equal(voiceProgramPids().length, 1, 'the stopped process is gone, a new one answered');
    } finally {
      await voice.close();
    }
  });

  test('close() ends the program, and later calls are refused', async () => {
    const voice = startOfflineVoice({ cwd: dir });
    const answer = voice.synthesize('Before closing.', 'gmw/en-US', 'before-close.wav');
    await voice.close();
    assert.ok((await answer).samples > 0, 'a request made before close() still completes');
    assert.deepEqual(voiceProgramPids(), []);
    await assert.rejects(voice.voices(), (error: OfflineVoiceError) => error.code === 'voice_closed');
  });

  test('a missing working directory is refused when the client is built', () => {
    assert.throws(() => startOfflineVoice({ cwd: join(dir, 'missing') }), /cwd must be an existing directory/);
  });

  test('a program that cannot start names the reason', async () => {
    const voice = startOfflineVoice({ cwd: dir, nodePath: join(dir, 'no-such-node') });
    await assert.rejects(voice.voices(), (error: OfflineVoiceError) => error.code === 'voice_process_failed' && /could not start/.test(error.message));
    await voice.close();
  });
});
