import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { bearer, createUser, loginWithToken } from '../../test/helpers/auth.js';
import { ownershipTest } from '../../test/helpers/ownership.js';
import { submitJob } from '../../test/helpers/jobs.js';

const hex = () => randomBytes(16).toString('hex');

async function createProject(t: TestApp, token: string, name = 'Fox studies'): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/projects', headers: bearer(token), payload: { name } });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

ownershipTest({
  name: 'projects',
  create: (t, token) => createProject(t, token),
  routes: [
    { method: 'GET', url: (id) => `/api/projects/${id}` },
    { method: 'PATCH', url: (id) => `/api/projects/${id}`, payload: { name: 'taken over' } },
    { method: 'DELETE', url: (id) => `/api/projects/${id}` },
    { method: 'POST', url: (id) => `/api/projects/${id}/restore`, payload: { version_id: 'a'.repeat(32) } },
  ],
  keyScopes: ['library:manage'],
  missingId: hex,
  stillThere: async (t, token, id) => {
    const response = await t.app.inject({ url: `/api/projects/${id}`, headers: bearer(token) });
    return response.statusCode === 200 && response.json().name === 'Fox studies';
  },
});

describe('projects', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    // A generation engine is configured so generate jobs get past job_type_unavailable to the project checks (no worker runs them).
    t = await createTestApp({ env: { GENERATE_ENGINE: 'comfyui', GENERATE_URL: 'http://127.0.0.1:9' } });
    await createUser(t, 'mio', 'operator');
    await createUser(t, 'ren', 'operator');
    await createUser(t, 'sora', 'viewer');
    token = (await loginWithToken(t, 'mio')).access_token;
  });
  after(() => t.close());

  const key = async (owner: string, scopes: string[]) => {
    const session = (await loginWithToken(t, owner)).access_token;
    const response = await t.app.inject({ method: 'POST', url: '/api/keys', headers: bearer(session), payload: { name: scopes.join(' '), scopes } });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().key as string;
  };

  test('create, list newest change first, rename (one line, trimmed), delete', async () => {
    const first = await createProject(t, token, 'Alpha');
    const second = await createProject(t, token, '  Beta\n  sketches ');
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/projects/${first}`, headers: bearer(token), payload: { name: 'Alpha, renamed' } });
    assert.equal(renamed.json().name, 'Alpha, renamed');
    const list = (await t.app.inject({ url: '/api/projects', headers: bearer(token) })).json().projects as Array<{ id: string; name: string }>;
    assert.deepEqual(list.slice(0, 2).map((project) => project.name), ['Alpha, renamed', 'Beta sketches']);
    const detail = (await t.app.inject({ url: `/api/projects/${second}`, headers: bearer(token) })).json();
    assert.deepEqual([detail.versions, detail.head_version_id], [[], null]);
    const page = (await t.app.inject({ url: '/api/projects?limit=1', headers: bearer(token) })).json();
    assert.equal(page.projects.length, 1);
    const rest = (await t.app.inject({ url: `/api/projects?limit=1&cursor=${page.next_cursor}`, headers: bearer(token) })).json();
    assert.deepEqual(rest.projects.map((project: { id: string }) => project.id), [second]);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/projects/${second}`, headers: bearer(token) })).statusCode, 204);
    assert.equal((await t.app.inject({ url: `/api/projects/${second}`, headers: bearer(token) })).json().error.code, 'project_not_found');
    assert.equal((await t.app.inject({ url: '/api/projects?cursor=bogus', headers: bearer(token) })).json().error.code, 'invalid_cursor');
  });

  test('a key bound to one project reaches that one only; a key without a project scope reaches none; a viewer has no projects', async () => {
    const mine = await createProject(t, token, 'Bound');
    const other = await createProject(t, token, 'Not bound');
    const bound = await key('mio', [`project:${mine}:manage`]);
    assert.equal((await t.app.inject({ url: `/api/projects/${mine}`, headers: bearer(bound) })).statusCode, 200);
    assert.equal((await t.app.inject({ url: `/api/projects/${other}`, headers: bearer(bound) })).statusCode, 404);
    assert.deepEqual(((await t.app.inject({ url: '/api/projects', headers: bearer(bound) })).json().projects as Array<{ id: string }>).map((project) => project.id), [mine]);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/projects/${other}`, headers: bearer(bound) })).statusCode, 404);
    const reader = await key('mio', ['read:job']);
    assert.equal((await t.app.inject({ url: `/api/projects/${mine}`, headers: bearer(reader) })).statusCode, 403);
    const viewer = (await loginWithToken(t, 'sora')).access_token;
    assert.equal((await t.app.inject({ url: '/api/projects', headers: bearer(viewer) })).statusCode, 403);
  });

  test('a generation into another user\'s project, or branched from a version it does not hold, is refused at submission', async () => {
    const theirs = await createProject(t, (await loginWithToken(t, 'ren')).access_token, 'Ren only');
    const mine = await createProject(t, token, 'Mine');
    const into = await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox', output: 'image', project_id: theirs } });
    assert.equal(into.json().error.code, 'project_not_found');
    const branched = await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox', output: 'image', project_id: mine, parent_version_id: hex() } });
    assert.equal(branched.json().error.code, 'version_not_found');
    const orphan = await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox', output: 'image', parent_version_id: hex() } });
    assert.equal(orphan.json().error.code, 'version_not_found');
    assert.equal((await submitJob(t, token, { type: 'generate', options: { prompt: 'a fox', output: 'image', project_id: mine } })).statusCode, 201);
  });

  test('GET /api/jobs/:id/generation of a job that made no version is 404 generation_not_found; of another user\'s job, job_not_found', async () => {
    const job = (await submitJob(t, token, { type: 'generate', options: { prompt: 'waiting', output: 'image' } })).json().id as string;
    assert.equal((await t.app.inject({ url: `/api/jobs/${job}/generation`, headers: bearer(token) })).json().error.code, 'generation_not_found');
    const ren = (await loginWithToken(t, 'ren')).access_token;
    assert.equal((await t.app.inject({ url: `/api/jobs/${job}/generation`, headers: bearer(ren) })).json().error.code, 'job_not_found');
  });
});
