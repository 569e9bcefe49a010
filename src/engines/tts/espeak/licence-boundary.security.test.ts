import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { isOfflineVoiceInstalled } from './offline-voice.js';

/**
 * espeak-ng is GPL-3.0; Sakuga keeps it a separate program (README.md). Two
 * checks that the server never loads it: no source file but the voice
 * program imports it, and a process that loads the server's modules and
 * drives a real synthesis through the client never resolves it.
 */

const PACKAGE = '@echogarden/espeak-ng-emscripten';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const VOICE_PROGRAM = 'src/engines/tts/espeak/voice-process.ts';
const run = promisify(execFile);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `from '…'`, `import '…'`, `import('…')`, `require('…')` naming the package or a file inside it. */
const IMPORT = new RegExp(String.raw`(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"\`]${PACKAGE.replace('/', '\\/')}(?:[/'"\`])`);

describe('the GPL boundary around espeak-ng', () => {
  test('only the voice program imports the package', () => {
    const importers = ['src', 'test', 'bench', 'scripts']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => IMPORT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    assert.deepEqual(importers, [VOICE_PROGRAM]);
  });

  test('the pattern catches every way of importing it', () => {
    for (const line of [`import init from '${PACKAGE}';`, `const m = await import("${PACKAGE}")`, `import(\n  '${PACKAGE}/espeak-ng.js')`, `require('${PACKAGE}')`, `import '${PACKAGE}';`, `export { default } from '${PACKAGE}'`]) {
      assert.ok(IMPORT.test(line), line);
    }
    assert.ok(!IMPORT.test(`createRequire(import.meta.url).resolve('${PACKAGE}')`));
  });

  test('it is an optional dependency, never a required one', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    assert.ok(manifest.optionalDependencies?.[PACKAGE]);
    assert.equal(manifest.dependencies?.[PACKAGE], undefined);
    assert.equal(manifest.devDependencies?.[PACKAGE], undefined);
  });

  describe('at run time', { skip: isOfflineVoiceInstalled() ? false : `the optional ${PACKAGE} is not installed` }, () => {
    let dir: string;
    let guard: string;

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sakuga-boundary-'));
      // A resolve hook that refuses the package, so an ESM import of it fails loudly; require() is checked through its cache.
      const hook = `export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        if (result.url.includes('espeak-ng-emscripten')) throw new Error('licence boundary: ' + specifier + ' imported by ' + context.parentURL);
        return result;
      }`;
      guard = join(dir, 'guard.mjs');
      writeFileSync(guard, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});\n`);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function runGuarded(script: string): Promise<{ stdout: string; stderr: string }> {
      const file = join(dir, `script-${Math.random().toString(36).slice(2)}.mjs`);
      writeFileSync(file, script);
      return run(process.execPath, ['--import', import.meta.resolve('tsx'), '--import', pathToFileURL(guard).href, file], { cwd: dir, timeout: 120_000 });
    }

    test('the guard itself refuses the package', async () => {
      // By its file URL: the script lives outside the project, where the bare name does not resolve.
      const main = pathToFileURL(createRequire(import.meta.url).resolve(PACKAGE)).href;
      await assert.rejects(runGuarded(`await import(${JSON.stringify(main)});`), /licence boundary/);
    });

    test('the server’s modules and a real synthesis through the client leave it unloaded in the calling process', async () => {
      const module = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, path)).href);
      const { stdout } = await runGuarded(`
        import { createRequire } from 'node:module';
        await import(${module('src/app.ts')});
        await import(${module('src/services.ts')});
        const { startOfflineVoice, isOfflineVoiceInstalled } = await import(${module('src/engines/tts/espeak/offline-voice.ts')});
        if (!isOfflineVoiceInstalled()) throw new Error('not installed');
        const voice = startOfflineVoice({ cwd: process.cwd() });
        const answer = await voice.synthesize('Across the boundary.', 'gmw/en-US', 'boundary.wav');
        await voice.close();
        const required = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('espeak-ng-emscripten'));
        console.log(JSON.stringify({ samples: answer.samples, required }));
      `);
      const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { samples: number; required: string[] };
      assert.ok(result.samples > 0, 'the voice program, a separate process, did load it');
      assert.deepEqual(result.required, []);
    });
  });
});
