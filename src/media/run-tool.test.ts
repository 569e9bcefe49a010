import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { rlimitsAvailable } from './rlimits.js';
import { runTool, ToolError } from './run-tool.js';
import { type LocatedTool, locateTool } from './toolchain.js';

const MB = 1024 * 1024;
const GENEROUS = { timeoutMs: 20_000, maxOutputBytes: 4 * MB, memoryBytes: 2048 * MB };

describe('locating ffmpeg and ffprobe', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sakuga-tools-'));
    writeFileSync(join(dir, 'ffprobe'), '#!/bin/sh\necho fake\n');
    chmodSync(join(dir, 'ffprobe'), 0o755);
    writeFileSync(join(dir, 'ffmpeg'), 'not executable');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the configured path first, then PATH, then the build shipped in npm packages', () => {
    assert.deepEqual(locateTool('ffprobe', join(dir, 'ffprobe'), ''), { tool: 'ffprobe', path: join(dir, 'ffprobe'), source: 'config' });
    assert.equal(locateTool('ffprobe', undefined, `relative/bin:${dir}`).source, 'path');
    const shipped = locateTool('ffprobe', undefined, '');
    assert.equal(shipped.source, 'bundled');
    assert.match(shipped.path, /@ffprobe-installer/);
    assert.equal(locateTool('ffmpeg', undefined, dir).source, 'bundled', 'a non-executable file on PATH is skipped');
  });

  test('a configured path that is not an executable file is an error, never a silent fallback', () => {
    assert.throws(() => locateTool('ffmpeg', join(dir, 'ffmpeg')), /FFMPEG_PATH/);
    assert.throws(() => locateTool('ffmpeg', 'ffmpeg'), /absolute path/);
    assert.throws(() => locateTool('ffprobe', join(dir, 'missing')), /FFPROBE_PATH/);
  });
});

describe('running a media tool', () => {
  let ffmpeg: LocatedTool;
  let ffprobe: LocatedTool;
  let work: string;
  before(() => {
    ffmpeg = locateTool('ffmpeg', undefined);
    ffprobe = locateTool('ffprobe', undefined);
    work = mkdtempSync(join(tmpdir(), 'sakuga-run-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('rlimits are applied through prlimit on this machine', () => {
    assert.ok(rlimitsAvailable(), 'util-linux prlimit is expected on Linux');
  });

  test('runs with an argument array: a hostile file name is only a name', async () => {
    const version = await runTool(ffprobe, ['-version'], GENEROUS);
    assert.match(version.stdout.toString(), /ffprobe version/);
    const hostile = '$(touch pwned); touch pwned2 `touch pwned3`.mp4';
    await assert.rejects(runTool(ffprobe, ['-v', 'error', hostile], GENEROUS, { cwd: work }), (error: ToolError) => error.reason === 'exit');
    assert.deepEqual(readdirSync(work), [], 'nothing was executed');
  });

  test('the child sees none of Sakuga\'s environment', async () => {
    process.env.SAKUGA_TEST_SECRET = 'should-never-reach-a-child';
    try {
      const env = await runTool({ tool: 'ffprobe', path: '/usr/bin/env', source: 'config' }, [], GENEROUS);
      assert.doesNotMatch(env.stdout.toString(), /should-never-reach-a-child/);
      assert.match(env.stdout.toString(), /^PATH=/m);
    } finally {
      delete process.env.SAKUGA_TEST_SECRET;
    }
  });

  test('a timeout kills the whole process group', async () => {
    const started = Date.now();
    const endless = ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc=size=64x64:rate=25', '-f', 'null', '-'];
    await assert.rejects(runTool(ffmpeg, endless, { ...GENEROUS, timeoutMs: 500 }), (error: ToolError) => error.reason === 'timeout');
    assert.ok(Date.now() - started < 5_000, 'stopped promptly');
  });

  test('output beyond the cap stops the tool', async () => {
    const flood = ['-hide_banner', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-f', 'rawvideo', 'pipe:1'];
    await assert.rejects(runTool(ffmpeg, flood, { ...GENEROUS, maxOutputBytes: 1 * MB }), (error: ToolError) => error.reason === 'output_limit');
  });

  test('the memory limit holds: too little address space and the tool cannot run', async () => {
    await assert.rejects(runTool(ffmpeg, ['-version'], { ...GENEROUS, memoryBytes: 8 * MB }), ToolError);
  });

  test('the file-size limit holds for what the tool writes', async () => {
    const output = join(work, 'big.raw');
    const write = ['-hide_banner', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=5', '-f', 'rawvideo', '-y', output];
    await assert.rejects(runTool(ffmpeg, write, { ...GENEROUS, maxFileBytes: 1 * MB }), ToolError);
    assert.ok(!existsSync(output) || (await import('node:fs')).statSync(output).size <= 1 * MB);
  });
});
