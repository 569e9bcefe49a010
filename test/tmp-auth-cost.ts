import { performance } from 'node:perf_hooks';
import { createTestApp } from './helpers/app.js';
import { createUser, loginWithToken } from './helpers/auth.js';
const t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
await createUser(t, 'mika', 'viewer');
const tok = await loginWithToken(t, 'mika');
const times: number[] = [];
for (let i = 0; i < 20000; i++) { const s = performance.now(); await t.services.sessions.authenticate('bearer', tok.access_token, '127.0.0.1'); times.push(performance.now() - s); }
times.sort((a, b) => a - b);
console.log('auth p50 µs', (times[10000]! * 1000).toFixed(1), 'p99', (times[19800]! * 1000).toFixed(1));
const t2: number[] = [];
for (let i = 0; i < 5000; i++) { const s = performance.now(); await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tok.access_token}` } }); t2.push(performance.now() - s); }
const t3: number[] = [];
for (let i = 0; i < 5000; i++) { const s = performance.now(); await t.app.inject({ url: '/healthz' }); t3.push(performance.now() - s); }
t2.sort((a, b) => a - b); t3.sort((a, b) => a - b);
console.log('me p50', (t2[2500]! * 1000).toFixed(1), 'healthz p50', (t3[2500]! * 1000).toFixed(1));
await t.close();
