#!/usr/bin/env node
import { doctorCommand } from './cli/doctor.js';
import { backupCommand } from './cli/backup.js';
import { keysCommand } from './cli/keys.js';
import { retentionCommand } from './cli/retention.js';
import type { CliIo } from './cli/io.js';
import { serve } from './cli/serve.js';
import { UsageError } from './cli/usage.js';
import { userCommand } from './cli/user.js';
import { workerCommand } from './cli/worker.js';
import { ConfigError } from './config/load.js';
import { MigrationError } from './db/migrate.js';

const USAGE = `Usage: sakuga <command>

Commands:
  serve                 start the server (the default), with a job worker unless EMBEDDED_WORKER=false
  worker                run jobs from the database (more workers: more processes or machines)
  user create --username NAME --role ROLE --password-stdin
                        create an account; the password is read from stdin
  doctor                check the install: data dir, secrets, database, ffmpeg
  keys status | rotate | rewrap | retire --kid KID | decrypt --yes
                        the storage keys of encryption at rest: list, add and re-wrap, resume a re-wrap, retire;
                        decrypt every file before turning encryption off
  backup create | list | verify [NAME] [--full] | restore NAME
                        back up the database and files to BACKUP_DIR, list and check backups, restore one
                        into an empty data dir (with its secrets/ in place)
  retention run [--dry-run] [--json]
                        remove now what outgrew its age (RETENTION_*, TRASH_DAYS); a dry run only counts

Configuration comes from environment variables; see .env.example.`;

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number | undefined> {
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      await serve(process.env);
      return undefined; // keeps running until a signal
    case 'worker':
      await workerCommand(process.env);
      return undefined; // keeps running until a signal
    case 'user':
      return userCommand(args, process.env, io);
    case 'doctor':
      return doctorCommand(process.env, io);
    case 'keys':
      return keysCommand(args, process.env, io);
    case 'backup':
      return backupCommand(args, process.env, io);
    case 'retention':
      return retentionCommand(args, process.env, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

/** Errors the person at the keyboard can fix: print the message alone, exit 2. */
function isUsageProblem(error: unknown): error is Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof ConfigError || error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (isUsageProblem(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_USAGE);
    }
    // Migration and startup failures: the message, not a stack; causes name no secret.
    const cause = error instanceof MigrationError ? `: ${(error.cause as Error | undefined)?.message ?? 'unknown error'}` : '';
    process.stderr.write(`sakuga: ${(error as Error | undefined)?.message ?? String(error)}${cause}\n`);
    process.exit(1);
  },
);
