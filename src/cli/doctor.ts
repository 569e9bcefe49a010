import { loadConfig } from '../config/load.js';
import { runDoctor } from '../ops/doctor.js';
import type { CliIo } from './io.js';

/** `sakuga doctor`: prints a report; exit 1 if any check failed. */
export async function doctorCommand(env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const config = loadConfig(env);
  const results = await runDoctor(config);
  const width = Math.max(...results.map((r) => r.name.length));
  io.stdout.write('Sakuga doctor\n');
  for (const result of results) {
    io.stdout.write(`  ${result.status.padEnd(4)}  ${result.name.padEnd(width)}  ${result.detail}\n`);
  }
  const failures = results.filter((r) => r.status === 'fail').length;
  const warnings = results.filter((r) => r.status === 'warn').length;
  io.stdout.write(`${failures} failure(s), ${warnings} warning(s)\n`);
  return failures > 0 ? 1 : 0;
}
