import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../access/roles.js';
import { authErrors } from '../auth/errors.js';
import { prepareNewUser } from '../auth/new-user.js';
import { insertUser } from '../auth/user-store.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError } from '../http/app-error.js';
import type { CliIo } from './io.js';
import { readPasswordFromStdin } from './read-stdin.js';
import { openRuntime } from './runtime.js';
import { UsageError } from './usage.js';

const USER_USAGE = `Usage: sakuga user create --username NAME --role ${ROLES.join('|')} --password-stdin`;

/** `sakuga user <subcommand>`; returns the exit code. */
export async function userCommand(args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') throw new UsageError(USER_USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      'password-stdin': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.username) throw new UsageError(`--username is required\n${USER_USAGE}`);
  if (!isRole(values.role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  // A password on the command line would sit in shell history and in `ps` for every local user.
  if (!values['password-stdin']) throw new UsageError(`pass --password-stdin and pipe the password in\n${USER_USAGE}`);

  const password = await readPasswordFromStdin(io.stdin);
  const runtime = await openRuntime(env);
  try {
    const { services } = runtime;
    const row = await prepareNewUser({ username: values.username, password, role: values.role }, services.passwords, new Date());
    const user = await insertUser(services.db, row).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError(authErrors.username_taken) : error;
    });
    await services.setup.retire();
    await services.audit.record({
      action: 'user.create',
      result: 'success',
      actor: { type: 'system' },
      target: `user:${user.id}`,
      details: { username: user.username, role: user.role, via: 'cli' },
    });
    io.stdout.write(`Created user ${user.username} (${user.role}), id ${user.id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr.write(`error: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.database.close();
  }
}
