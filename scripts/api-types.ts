// Generates the web app's API types (web/src/api/schema.d.ts) from the
// server's own /api/openapi.json, so the client can only call what exists.
//   node --import tsx scripts/api-types.ts          write the file
//   node --import tsx scripts/api-types.ts --check  fail if it has drifted (npm run check)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createTestApp } from '../test/helpers/app.js';

const TARGET = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));
const HEADER = '// Generated from /api/openapi.json by scripts/api-types.ts; do not edit. `npm run api-types` rewrites it.\n\n';

const t = await createTestApp({ env: { LOG_LEVEL: 'silent' } });
let generated: string;
try {
  const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
  generated = HEADER + astToString(await openapiTS(spec, { alphabetize: true }));
} finally {
  await t.close();
}

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (current !== generated) {
    console.error('web/src/api/schema.d.ts does not match the server\'s OpenAPI; run `npm run api-types`.');
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, generated);
  console.log(`wrote ${TARGET.slice(TARGET.indexOf('web/'))}`);
}
