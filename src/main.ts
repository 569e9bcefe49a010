#!/usr/bin/env node
import { doctorCommand } from './cli/doctor.js';
import type { CliIo } from './cli/io.js';
import { serve } from './cli/serve.js';
import { UsageError } from './cli/usage.js';
import { userCommand } from './cli/user.js';
import { ConfigError } from './config/load.js';
import { MigrationError } from './db/migrate.js';

const USAGE = `Usage: sakuga <command>

Commands:
  serve                 start the server (the default)
  user create --username NAME --role ROLE --password-stdin
                        create an account; the password is read from stdin
  doctor                check the install: data dir, secrets, database, ffmpeg

Configuration comes from environment variables; see .env.example.`;

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number | undefined> {
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      await serve(process.env);
      return undefined; // keeps running until a signal
    case 'user':
      return userCommand(args, process.env, io);
    case 'doctor':
      return doctorCommand(process.env, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_USAGE);
    }
    if (error instanceof MigrationError) {
      process.stderr.write(`${error.message}: ${(error.cause as Error)?.message ?? 'unknown error'}\n`);
      process.exit(1);
    }
    const detail = (error as NodeJS.ErrnoException)?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? (error as Error).message : undefined;
    if (detail) {
      process.stderr.write(`${detail}\n`);
      process.exit(EXIT_USAGE);
    }
    process.stderr.write(`sakuga: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
