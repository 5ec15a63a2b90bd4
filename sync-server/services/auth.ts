import type { Kysely } from 'kysely';
import type { Actor } from '../../src/shared/permissions/can';
import type { LoginRequest, LoginResponse, SessionUser } from '../../src/shared/protocol/auth';
import { Role } from '../../src/shared/schemas/user';
import { ulid } from '../../src/shared/ids';
import type { Database, UserRow } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { decoyPasswordHash, hashPassword, scryptParams, verifyPassword } from './passwords';
import { getRecord } from './records';
import { newToken, tokenHash } from './tokens';

export interface AuthOptions {
  now?: () => Date;
  tokenTtlDays?: number;
  /** Failed logins allowed per username inside the window before further tries are refused. */
  maxFailures?: number;
  failureWindowMs?: number;
  /** log2 of scrypt's N for new hashes (default 15). */
  passwordCost?: number;
}

export interface AuthContext {
  user: UserRow;
  actor: Actor;
  tokenId: string;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,128})$/;

export class AuthService {
  private readonly now: () => Date;
  private readonly tokenTtlMs: number;
  private readonly maxFailures: number;
  private readonly failureWindowMs: number;
  private readonly hashParams: { N: number; r: number; p: number };

  constructor(
    private readonly db: Kysely<Database>,
    options: AuthOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.tokenTtlMs = (options.tokenTtlDays ?? 90) * 24 * 3600 * 1000;
    this.maxFailures = options.maxFailures ?? 5;
    this.failureWindowMs = options.failureWindowMs ?? 15 * 60 * 1000;
    this.hashParams = scryptParams(options.passwordCost);
  }

  async orgPathOf(orgUnitId: string): Promise<string> {
    const unit = await getRecord(this.db, 'org_unit', orgUnitId);
    if (!unit) throw new HttpError(409, 'CONFLICT', `unit ${orgUnitId} does not exist`);
    return unit.orgPath;
  }

  async sessionUser(user: UserRow): Promise<SessionUser> {
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: Role.parse(user.role),
      orgUnitId: user.org_unit_id,
      orgPath: await this.orgPathOf(user.org_unit_id),
    };
  }

  /**
   * Checks the password and issues a device token. Failures are counted per username in the
   * database (so the limit holds across server processes) and each one is audited; the answer
   * for an unknown user costs the same scrypt time as for a wrong password.
   */
  async login(request: LoginRequest, ip: string): Promise<LoginResponse> {
    const username = request.username.trim().toLowerCase();
    const now = this.now();
    const windowStart = new Date(now.getTime() - this.failureWindowMs).toISOString();
    const failures = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('username', '=', username)
      .where('at', '>', windowStart)
      .executeTakeFirstOrThrow();
    if (Number(failures.count) >= this.maxFailures) {
      throw new HttpError(
        429,
        'RATE_LIMITED',
        'Too many failed sign-ins for this account; try again in 15 minutes',
      );
    }

    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    const valid = await verifyPassword(
      request.password,
      user?.password_hash ?? (await decoyPasswordHash()),
    );
    if (!user || !valid || user.disabled) {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('login_failures')
          .values({ username, ip, at: now.toISOString() })
          .execute();
        await appendAudit(trx, {
          actor: username,
          action: 'auth.login_failed',
          target: `user:${username}`,
          data: {
            ip,
            reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password',
          },
          at: now.toISOString(),
        });
      });
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
    }

    const token = newToken();
    const tokenId = ulid();
    const expiresAt = new Date(now.getTime() + this.tokenTtlMs).toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_failures').where('username', '=', username).execute();
      await trx
        .insertInto('device_tokens')
        .values({
          id: tokenId,
          user_id: user.id,
          token_hash: tokenHash(token),
          device_name: request.deviceName,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          revoked_at: null,
          last_used_at: now.toISOString(),
        })
        .execute();
      await appendAudit(trx, {
        actor: user.id,
        action: 'auth.login',
        target: `token:${tokenId}`,
        data: { ip, deviceName: request.deviceName },
        at: now.toISOString(),
      });
    });
    return { token, expiresAt, user: await this.sessionUser(user) };
  }

  /** Resolves `Authorization: Bearer <token>` to the user and actor, or throws 401. */
  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    const match = authorization ? BEARER.exec(authorization) : null;
    if (!match?.[1])
      throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first (missing or malformed token)');
    const row = await this.db
      .selectFrom('device_tokens')
      .innerJoin('users', 'users.id', 'device_tokens.user_id')
      .selectAll('users')
      .select([
        'device_tokens.id as token_id',
        'device_tokens.expires_at',
        'device_tokens.revoked_at',
        'device_tokens.last_used_at',
      ])
      .where('device_tokens.token_hash', '=', tokenHash(match[1]))
      .executeTakeFirst();
    const now = this.now();
    if (!row)
      throw new HttpError(401, 'UNAUTHENTICATED', 'This sign-in is not valid; sign in again');
    if (row.revoked_at)
      throw new HttpError(401, 'TOKEN_REVOKED', 'This device was signed out; sign in again');
    if (row.expires_at <= now.toISOString())
      throw new HttpError(401, 'UNAUTHENTICATED', 'This sign-in has expired; sign in again');
    if (row.disabled) throw new HttpError(401, 'UNAUTHENTICATED', 'This account is disabled');
    // Recording use on every request would turn each read into a write; once an hour is enough to
    // show administrators which devices are alive.
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 3600_000) {
      await this.db
        .updateTable('device_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.token_id)
        .execute();
    }
    const user: UserRow = {
      id: row.id,
      username: row.username,
      display_name: row.display_name,
      role: row.role,
      org_unit_id: row.org_unit_id,
      password_hash: row.password_hash,
      disabled: row.disabled,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
    const role = Role.safeParse(user.role);
    if (!role.success) throw new HttpError(403, 'FORBIDDEN', 'This account has no valid role');
    return {
      user,
      tokenId: row.token_id,
      actor: { userId: user.id, role: role.data, orgPath: await this.orgPathOf(user.org_unit_id) },
    };
  }

  async logout(context: AuthContext): Promise<void> {
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('device_tokens')
        .set({ revoked_at: at })
        .where('id', '=', context.tokenId)
        .execute();
      await appendAudit(trx, {
        actor: context.user.id,
        action: 'auth.logout',
        target: `token:${context.tokenId}`,
        at,
      });
    });
  }

  async createUser(
    input: {
      username: string;
      displayName: string;
      role: Role;
      orgUnitId: string;
      password: string;
    },
    actor = 'system',
  ): Promise<UserRow> {
    const at = this.now().toISOString();
    await this.orgPathOf(input.orgUnitId);
    const user: UserRow = {
      id: ulid(),
      username: input.username.trim().toLowerCase(),
      display_name: input.displayName,
      role: input.role,
      org_unit_id: input.orgUnitId,
      password_hash: await hashPassword(input.password, this.hashParams),
      disabled: 0,
      created_at: at,
      updated_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', user.username)
        .executeTakeFirst();
      if (existing) throw new HttpError(409, 'CONFLICT', `the username ${user.username} is taken`);
      await trx.insertInto('users').values(user).execute();
      await appendAudit(trx, {
        actor,
        action: 'admin.user_created',
        target: `user:${user.id}`,
        data: { username: user.username, role: user.role, orgUnitId: user.org_unit_id },
        at,
      });
    });
    return user;
  }

  /** Sets a new password and signs the user out everywhere: a reset usually means the old one leaked. */
  async resetPassword(username: string, password: string, actor = 'system'): Promise<void> {
    const at = this.now().toISOString();
    const hash = await hashPassword(password, this.hashParams);
    await this.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username.trim().toLowerCase())
        .executeTakeFirst();
      if (!user) throw new HttpError(404, 'NOT_FOUND', `no user named ${username}`);
      await trx
        .updateTable('users')
        .set({ password_hash: hash, updated_at: at })
        .where('id', '=', user.id)
        .execute();
      await trx
        .updateTable('device_tokens')
        .set({ revoked_at: at })
        .where('user_id', '=', user.id)
        .where('revoked_at', 'is', null)
        .execute();
      await trx.deleteFrom('login_failures').where('username', '=', username).execute();
      await appendAudit(trx, {
        actor,
        action: 'admin.password_reset',
        target: `user:${user.id}`,
        at,
      });
    });
  }
}
