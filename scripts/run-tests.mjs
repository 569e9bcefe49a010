// Runs every *.test.ts under src/ and test/ with node:test through tsx, then
// the web app's Vitest tests.
// Node 20's test runner does not expand globs itself, so we list the files.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

// Arguments pick files by a part of their path; one starting with `!` leaves matching files out.
const args = process.argv.slice(2);
const filters = args.filter((arg) => !arg.startsWith('!'));
const excluded = args.filter((arg) => arg.startsWith('!')).map((arg) => arg.slice(1));
const files = ['src', 'test']
  .flatMap((dir) => findTests(dir))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .filter((file) => !excluded.some((f) => file.includes(f)))
  .sort();

if (files.length === 0 && !filters.some((f) => f.startsWith('web'))) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

/** Runs a command to its end; resolves with its exit code. */
function run(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// At least two files at once, even on two cores (Node's default there is one): most files spend
// their time waiting on child processes, ffmpeg, the database or engines' fakes, and each file's
// own start under tsx costs up to 5 s. Measured on 2 cores: the suite in 364 s against 1126 s one
// at a time. The browser tests run afterwards, one at a time: Chromium, a server and ffmpeg each
// take a core, and beside another file their 30 s waits ran out (a phone path timed out twice).
const concurrency = Math.max(2, availableParallelism() - 1);
const inBrowser = (file) => file.startsWith(join('test', 'browser'));
const testFiles = (list, atOnce) => (list.length > 0 ? run(['--import', 'tsx', '--test', `--test-concurrency=${atOnce}`, '--test-reporter=spec', ...list]) : 0);
const otherCode = await testFiles(files.filter((file) => !inBrowser(file)), concurrency);
const browserCode = await testFiles(files.filter(inBrowser), 1);
const serverCode = otherCode || browserCode;
// The web app's unit tests (Vitest, beside its code in web/src) run with the rest, or alone with `npm test -- web/`.
const webCode = filters.length === 0 || filters.some((f) => f.startsWith('web')) ? await run(['node_modules/vitest/vitest.mjs', 'run', '--root', 'web']) : 0;
process.exit(serverCode || webCode);
