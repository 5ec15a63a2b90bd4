// `npm run users -- create <username> <role> <unitCode> [--name "Display name"]` (password read
// from MC_PASSWORD or prompted on stdin), `npm run users -- reset-password <username>`,
// `npm run users -- list`. Uses the same DATABASE_URL / DATA_DIR as the server.
import { createInterface } from 'node:readline/promises';
import { Role } from '../../src/shared/schemas/user';
import { HttpError } from '../errors';
import { AuthService } from '../services/auth';
import { openForCli, splitArgs } from './open';

const USAGE = `usage:
  npm run users -- create <username> <role> <unitCode> [--name "Display name"]
  npm run users -- reset-password <username>
  npm run users -- list
roles: ${Role.options.join(', ')}
The password comes from MC_PASSWORD, or is asked for on the terminal.`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.MC_PASSWORD;
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question('New password (at least 10 characters): ');
  rl.close();
  return password;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { serverArgs, rest } = splitArgs(process.argv.slice(2));
const [command, ...args] = rest;
if (!command || !['create', 'reset-password', 'list'].includes(command)) fail(USAGE);

const { config, database } = await openForCli(serverArgs);
const auth = new AuthService(database.db, { passwordCost: config.passwordCost });
try {
  if (command === 'list') {
    const users = await database.db
      .selectFrom('users')
      .select(['username', 'role', 'org_unit_id', 'disabled'])
      .orderBy('username')
      .execute();
    for (const user of users)
      console.log(
        `${user.username}\t${user.role}\t${user.org_unit_id}${user.disabled ? '\t(disabled)' : ''}`,
      );
  } else if (command === 'create') {
    const nameAt = args.indexOf('--name');
    const displayName = nameAt >= 0 ? args[nameAt + 1] : undefined;
    const [username, role, unitCode] = args.filter(
      (_, i) => nameAt < 0 || (i !== nameAt && i !== nameAt + 1),
    );
    const parsedRole = Role.safeParse(role);
    if (!username || !unitCode || !parsedRole.success) fail(USAGE);
    const password = await readPassword();
    if (password.length < 10) fail('the password must have at least 10 characters');
    await auth.createUser(
      {
        username,
        role: parsedRole.data,
        orgUnitId: unitCode,
        displayName: displayName ?? username,
        password,
      },
      'cli',
    );
    console.log(`created ${username} (${parsedRole.data}) at unit ${unitCode}`);
  } else {
    const [username] = args;
    if (!username) fail(USAGE);
    const password = await readPassword();
    if (password.length < 10) fail('the password must have at least 10 characters');
    await auth.resetPassword(username, password, 'cli');
    console.log(`password reset for ${username}; every device of theirs is signed out`);
  }
} catch (error) {
  if (error instanceof HttpError) fail(`error: ${error.message}`);
  throw error;
} finally {
  await database.close();
}
