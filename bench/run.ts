// npm run bench -- <name>: runs one benchmark; each prints Sakuga's figure beside
// a baseline measured in the same process and run, and their ratio.
import { authBench } from './auth.js';
import { backupBench } from './backup.js';
import { dubBench } from './dub.js';
import { generateBench } from './generate.js';
import { httpOverhead } from './http-overhead.js';
import { queueBench } from './queue.js';
import { rerenderBench } from './rerender.js';
import { storageBench } from './storage.js';
import { uploadBench } from './upload.js';
import { webBench } from './web.js';

const BENCHMARKS: Record<string, { describe: string; run: () => Promise<void> }> = {
  'http-overhead': httpOverhead,
  auth: authBench,
  upload: uploadBench,
  queue: queueBench,
  dub: dubBench,
  rerender: rerenderBench,
  generate: generateBench,
  storage: storageBench,
  backup: backupBench,
  web: webBench,
};

const name = process.argv[2];
const benchmark = name ? BENCHMARKS[name] : undefined;
if (!benchmark) {
  console.error('Usage: npm run bench -- <name>\n\nBenchmarks:');
  for (const [key, value] of Object.entries(BENCHMARKS)) console.error(`  ${key.padEnd(16)} ${value.describe}`);
  process.exit(name ? 2 : 0);
}
await benchmark.run();
