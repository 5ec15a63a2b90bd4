import { webcrypto } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../src/shared/permissions/can';
import type { LoginRequest, LoginResponse, SessionUser } from '../../src/shared/protocol/auth';
import { Role } from '../../src/shared/schemas/user';
import { importPublicKey, keyIdOf } from '../../src/shared/protocol/signature';
import { ulid } from '../../src/shared/ids';
import type { Database, UserRow } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { decoyPasswordHash, hashPassword, scryptParams, verifyPassword } from './passwords';
import {
  clearAddress,
  DEFAULT_THROTTLE,
  readThrottleState,
  recordFailure,
  type ThrottlePolicy,
  waitFor,
} from './login-throttle';
import { getRecord } from './records';
import { newToken, tokenHash } from './tokens';

export interface AuthOptions {
  now?: () => Date;
  tokenTtlDays?: number;
  /** Sign-in throttling (see login-throttle.ts); tests shorten or tighten it. */
  throttle?: Partial<ThrottlePolicy>;
  /** log2 of scrypt's N for new hashes (default 15). */
  passwordCost?: number;
}

/** An account to create, with its first password (which the caller shows once). */
export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  password: string;
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
  private readonly throttle: ThrottlePolicy;
  private readonly hashParams: { N: number; r: number; p: number };

  constructor(
    private readonly db: Kysely<Database>,
    options: AuthOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.tokenTtlMs = (options.tokenTtlDays ?? 90) * 24 * 3600 * 1000;
    this.throttle = { ...DEFAULT_THROTTLE, ...options.throttle };
    this.hashParams = scryptParams(options.passwordCost);
  }

  /**
   * The path of a signed-in user's unit. A unit that vanished under an account is not the
   * caller's mistake to fix but it is not a server crash either: the account may do nothing, the
   * same answer as an account without a valid role.
   */
  async orgPathOf(orgUnitId: string): Promise<string> {
    const unit = await getRecord(this.db, 'org_unit', orgUnitId);
    if (!unit) throw new HttpError('FORBIDDEN', 'This account belongs to no existing unit');
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
   * Checks the password and issues a device token. Tries are throttled per (username, address)
   * and capped per username (login-throttle.ts); each failure is audited. The answer for an
   * unknown user costs the same scrypt time and carries the same code as for a wrong password.
   */
  async login(request: LoginRequest, ip: string): Promise<LoginResponse> {
    const username = request.username.trim().toLowerCase();
    const now = this.now();
    const state = await readThrottleState(this.db, this.throttle, username, ip, now);
    const waitMs = waitFor(this.throttle, state, now);
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new HttpError(
        'LOGIN_THROTTLED',
        `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
        { retryAfterSeconds },
      );
    }

    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    const valid = await verifyPassword(
      request.password,
      user?.password_hash ?? (await decoyPasswordHash(this.hashParams)),
    );
    if (!user || !valid || user.disabled) {
      await this.db.transaction().execute(async (trx) => {
        await recordFailure(trx, this.throttle, username, ip, now);
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
      throw new HttpError('INVALID_CREDENTIALS', 'Wrong username or password');
    }

    const key = await this.deviceKey(request.publicKey);
    const token = newToken();
    const tokenId = ulid();
    const expiresAt = new Date(now.getTime() + this.tokenTtlMs).toISOString();
    await this.db.transaction().execute(async (trx) => {
      await clearAddress(trx, username, ip);
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
          public_key: key?.publicKey ?? null,
          key_id: key?.keyId ?? null,
        })
        .execute();
      await appendAudit(trx, {
        actor: user.id,
        action: 'auth.login',
        target: `token:${tokenId}`,
        data: { ip, deviceName: request.deviceName, ...(key ? { keyId: key.keyId } : {}) },
        at: now.toISOString(),
      });
    });
    return {
      token,
      expiresAt,
      user: await this.sessionUser(user),
      ...(key ? { keyId: key.keyId } : {}),
    };
  }

  /**
   * Checks a device's public key before it is kept: it must import as an ECDSA P-256 key (the
   * schema already bounded its size). Refused as a bad request, after the password check, so a
   * wrong key never reveals whether the password was right to someone who does not know it.
   */
  private async deviceKey(
    publicKey: string | undefined,
  ): Promise<{ publicKey: string; keyId: string } | null> {
    if (publicKey === undefined) return null;
    const imported = await importPublicKey(webcrypto.subtle, publicKey);
    if (!imported)
      throw new HttpError('VALIDATION_FAILED', 'publicKey is not an ECDSA P-256 public key (SPKI)');
    return { publicKey, keyId: await keyIdOf(webcrypto.subtle, imported.spki) };
  }

  /** Resolves `Authorization: Bearer <token>` to the user and actor, or throws 401. */
  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    const match = authorization ? BEARER.exec(authorization) : null;
    if (!match?.[1])
      throw new HttpError('UNAUTHENTICATED', 'Sign in first (missing or malformed token)');
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
    if (!row) throw new HttpError('UNAUTHENTICATED', 'This sign-in is not valid; sign in again');
    if (row.revoked_at)
      throw new HttpError('TOKEN_REVOKED', 'This device was signed out; sign in again');
    if (row.expires_at <= now.toISOString())
      throw new HttpError('UNAUTHENTICATED', 'This sign-in has expired; sign in again');
    if (row.disabled) throw new HttpError('UNAUTHENTICATED', 'This account is disabled');
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
    if (!role.success) throw new HttpError('FORBIDDEN', 'This account has no valid role');
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

  async createUser(input: NewAccount, actor = 'system'): Promise<UserRow> {
    const [user] = await this.createUsers([input], actor);
    if (!user) throw new Error('createUsers returned nothing');
    return user;
  }

  /**
   * Creates every account or none (a district's sheet of communes is one decision): every unit
   * must exist and every username be free, checked inside the one transaction that inserts them.
   * Passwords are hashed first, in parallel (scrypt runs on libuv's pool), outside it.
   */
  async createUsers(inputs: readonly NewAccount[], actor = 'system'): Promise<UserRow[]> {
    const at = this.now().toISOString();
    const users: UserRow[] = await Promise.all(
      inputs.map(async (input) => ({
        id: ulid(),
        username: input.username.trim().toLowerCase(),
        display_name: input.displayName,
        role: input.role,
        org_unit_id: input.orgUnitId,
        password_hash: await hashPassword(input.password, this.hashParams),
        disabled: 0,
        created_at: at,
        updated_at: at,
      })),
    );
    const names = users.map((user) => user.username);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated)
      throw new HttpError('VALIDATION_FAILED', `the username ${repeated} is given twice`);
    await this.db.transaction().execute(async (trx) => {
      for (const unitId of new Set(users.map((user) => user.org_unit_id))) {
        // The unit is part of the input: naming one that does not exist is a validation failure.
        if (!(await getRecord(trx, 'org_unit', unitId)))
          throw new HttpError('VALIDATION_FAILED', `unit ${unitId} does not exist`, { unitId });
      }
      const taken = await trx
        .selectFrom('users')
        .select('username')
        .where('username', 'in', names)
        .executeTakeFirst();
      // The name travels in `details` so that the accounts screen can say which line to change.
      if (taken)
        throw new HttpError('CONFLICT', `the username ${taken.username} is taken`, {
          username: taken.username,
        });
      for (const user of users) {
        await trx.insertInto('users').values(user).execute();
        await appendAudit(trx, {
          actor,
          action: 'admin.user_created',
          target: `user:${user.id}`,
          data: { username: user.username, role: user.role, orgUnitId: user.org_unit_id },
          at,
        });
      }
    });
    return users;
  }

  /** Sets a new password and signs the user out everywhere: a reset usually means the old one leaked. */
  async resetPassword(name: string, password: string, actor = 'system'): Promise<void> {
    const username = name.trim().toLowerCase();
    const at = this.now().toISOString();
    const hash = await hashPassword(password, this.hashParams);
    await this.db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      if (!user) throw new HttpError('NOT_FOUND', `no user named ${username}`);
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
      // A reset is an administrator vouching for the account: every delay on it ends.
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
