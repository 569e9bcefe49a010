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
// their time waiting on child processes, ffmpeg, Chromium or the database, and each file's own
// start under tsx costs up to 5 s. Measured on 2 cores: the whole suite in 862 s against 1056 s one at a time.
const concurrency = Math.max(2, availableParallelism() - 1);
const serverCode = files.length > 0 ? await run(['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files]) : 0;
// The web app's unit tests (Vitest, beside its code in web/src) run with the rest, or alone with `npm test -- web/`.
const webCode = filters.length === 0 || filters.some((f) => f.startsWith('web')) ? await run(['node_modules/vitest/vitest.mjs', 'run', '--root', 'web']) : 0;
process.exit(serverCode || webCode);
