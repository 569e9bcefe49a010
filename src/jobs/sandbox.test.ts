import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { probeSandbox, sandboxArgs } from './sandbox.js';

describe('the bubblewrap layout', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sakuga-sandbox-'));
    mkdirSync(join(root, 'data', 'work', 'job'), { recursive: true });
    mkdirSync(join(root, 'code'));
    writeFileSync(join(root, 'secret.env'), 'X=1');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const layout = () => ({
    features: { disableUserns: true, tmpfsSize: true },
    workDir: join(root, 'data', 'work', 'job'),
    codePaths: [{ path: join(root, 'code') }],
    hiddenPaths: [join(root, 'data'), join(root, 'secret.env'), join(root, 'missing')],
    isolateUser: true,
  });

  test('hidden paths are covered before the work dir is bound on top, then made read-only', () => {
    const args = sandboxArgs(layout());
    const data = join(root, 'data');
    const workDir = join(data, 'work', 'job');
    const at = (...sequence: string[]) => args.findIndex((_, index) => sequence.every((part, offset) => args[index + offset] === part));
    assert.ok(at('--tmpfs', '/tmp') < at('--ro-bind', join(root, 'code'), join(root, 'code')), 'code in /tmp is not covered by the private /tmp');
    assert.ok(at('--tmpfs', data) > at('--ro-bind', join(root, 'code'), join(root, 'code')));
    assert.ok(at('--tmpfs', data) < at('--bind', workDir, workDir), 'the work dir is bound after its parent is covered');
    assert.ok(at('--bind', workDir, workDir) < at('--remount-ro', data));
    assert.ok(at('--ro-bind', '/dev/null', join(root, 'secret.env')) >= 0, 'a hidden file is covered with /dev/null');
    assert.ok(!args.includes(join(root, 'missing')), 'nothing to cover where nothing exists');
    assert.deepEqual(args.filter((arg) => arg === '--bind'), ['--bind'], 'one writable place');
    assert.deepEqual(args.slice(-4), ['--remount-ro', '/', '--chdir', workDir]);
  });

  test('no network, pids, IPC or host name of the server\'s, and no nested user namespaces', () => {
    const args = sandboxArgs(layout());
    for (const flag of ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session', '--unshare-user', '--disable-userns']) {
      assert.ok(args.includes(flag), flag);
    }
    assert.ok(!sandboxArgs({ ...layout(), isolateUser: false }).includes('--unshare-user'), 'root keeps its uid (no user namespace to map it)');
  });

  test('the system is read-only; merged-/usr links are recreated, not mounted', () => {
    const args = sandboxArgs(layout());
    assert.ok(args.join(' ').includes('--ro-bind /usr /usr'));
    assert.ok(args.join(' ').includes('--ro-bind /etc /etc'));
    assert.ok(!args.includes('/home') && !args.includes('/root') && !args.includes('/var'));
  });
});

describe('probing for bubblewrap', () => {
  test('a configured path that is not bwrap is unavailable, with a reason', async () => {
    assert.deepEqual(await probeSandbox('relative/bwrap'), { available: false, reason: 'the configured bwrap path relative/bwrap is not absolute' });
    assert.match(((await probeSandbox('/nonexistent/bwrap')) as { reason: string }).reason, /not an executable file/);
    const notBwrap = await probeSandbox('/bin/false');
    assert.equal(notBwrap.available, false);
    assert.match((notBwrap as { reason: string }).reason, /cannot create a sandbox here/);
  });

  test('bwrap on PATH is found and proven with a trial run (required in CI)', async (t) => {
    const found = await probeSandbox();
    if (!found.available) {
      if (process.env.CI === 'true') assert.fail(`CI must have bubblewrap: ${found.reason}`);
      return t.skip(`bubblewrap unavailable: ${found.reason}`);
    }
    assert.match(found.version, /^bubblewrap \d/);
    assert.equal(await probeSandbox(), found, 'cached');
  });
});
