import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  assignableRoles,
  type AdminUser,
  type IssuedCredential,
  type NewUser,
  type UserDevice,
} from '../../src/shared/api/users';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { isInSubtree } from '../../src/shared/hierarchy/paths';
import { Role } from '../../src/shared/schemas/user';
import type { Database, UserRow } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import type { AuthService } from './auth';

/**
 * Account management for the administrators (`user.manage`): every request is checked against
 * the actor's subtree (the account's unit must be inside it) and the roles the actor may give, so
 * that a province account can neither reach another province's users nor make an administrator.
 */

/** No 0/o, 1/l/i: a first password is read off paper and typed on a phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** 12 characters from 31 (about 59 bits) in groups of four: e.g. "k7mq-x3pa-9dwe". */
export function generatePassword(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

async function unitPath(db: Kysely<Database>, unitId: string): Promise<string | null> {
  const row = await db
    .selectFrom('records')
    .select('org_path')
    .where('collection', '=', 'org_unit')
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row?.org_path ?? null;
}

/** May `actor` manage an account with this role at this unit? Throws the reason when not. */
async function authorise(db: Kysely<Database>, actor: Actor, role: string, unitId: string) {
  const path = await unitPath(db, unitId);
  if (path === null)
    throw new HttpError('VALIDATION_FAILED', `unit ${unitId} does not exist`, { unitId });
  const decision = explain(actor, 'user.manage', { orgPath: path });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
  const parsed = Role.safeParse(role);
  if (!parsed.success || !assignableRoles(actor.role).includes(parsed.data))
    throw new HttpError('FORBIDDEN', `a ${actor.role} cannot manage ${role} accounts`);
}

async function loadUser(db: Kysely<Database>, actor: Actor, userId: string): Promise<UserRow> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  // Out of scope and absent look the same: a stranger learns nothing about other provinces.
  if (!user) throw new HttpError('NOT_FOUND', 'No such user');
  const path = await unitPath(db, user.org_unit_id);
  if (path === null || !isInSubtree(path, actor.orgPath))
    throw new HttpError('NOT_FOUND', 'No such user');
  await authorise(db, actor, user.role, user.org_unit_id);
  return user;
}

async function view(db: Kysely<Database>, user: UserRow, now: string): Promise<AdminUser> {
  const devices = await db
    .selectFrom('device_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: Role.parse(user.role),
    orgUnitId: user.org_unit_id,
    disabled: user.disabled !== 0,
    createdAt: user.created_at,
    activeDevices: Number(devices.count),
  };
}

export class UserAdmin {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly auth: AuthService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The accounts at `unitId` and below it (the actor's own unit when not given). */
  async list(actor: Actor, unitId: string | undefined): Promise<AdminUser[]> {
    const root = unitId === undefined ? actor.orgPath : await unitPath(this.db, unitId);
    if (root === null) throw new HttpError('NOT_FOUND', `No unit ${unitId ?? ''}`);
    const decision = explain(actor, 'user.manage', { orgPath: root });
    if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('records', (join) =>
        join
          .onRef('records.id', '=', 'users.org_unit_id')
          .on('records.collection', '=', 'org_unit'),
      )
      .selectAll('users')
      .select('records.org_path')
      .orderBy('records.org_path')
      .orderBy('users.username')
      .execute();
    const now = this.now().toISOString();
    return Promise.all(
      rows
        .filter((row) => isInSubtree(row.org_path, root))
        .map(({ org_path: _path, ...user }) => view(this.db, user, now)),
    );
  }

  /** Creates every account or none, each with a first password shown once in the answer. */
  async create(actor: Actor, users: readonly NewUser[]): Promise<IssuedCredential[]> {
    for (const user of users) await authorise(this.db, actor, user.role, user.orgUnitId);
    const withPasswords = users.map((user) => ({ ...user, password: generatePassword() }));
    const rows = await this.auth.createUsers(withPasswords, actor.userId);
    const now = this.now().toISOString();
    return Promise.all(
      rows.map(async (row, index) => ({
        user: await view(this.db, row, now),
        password: withPasswords[index]?.password ?? '',
      })),
    );
  }

  /** A new password, shown once; every device of the account is signed out. */
  async resetPassword(actor: Actor, userId: string): Promise<IssuedCredential> {
    const user = await loadUser(this.db, actor, userId);
    const password = generatePassword();
    await this.auth.resetPassword(user.username, password, actor.userId);
    return { user: await view(this.db, user, this.now().toISOString()), password };
  }

  /** Deactivates (signing out every device) or reactivates an account. */
  async setDisabled(actor: Actor, userId: string, disabled: boolean): Promise<AdminUser> {
    if (userId === actor.userId)
      throw new HttpError('CONFLICT', 'You cannot deactivate or reactivate your own account');
    const user = await loadUser(this.db, actor, userId);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ disabled: disabled ? 1 : 0, updated_at: at })
        .where('id', '=', user.id)
        .execute();
      if (disabled)
        await trx
          .updateTable('device_tokens')
          .set({ revoked_at: at })
          .where('user_id', '=', user.id)
          .where('revoked_at', 'is', null)
          .execute();
      await appendAudit(trx, {
        actor: actor.userId,
        action: disabled ? 'admin.user_disabled' : 'admin.user_enabled',
        target: `user:${user.id}`,
        at,
      });
    });
    return view(this.db, { ...user, disabled: disabled ? 1 : 0 }, at);
  }

  async devices(actor: Actor, userId: string): Promise<UserDevice[]> {
    const user = await loadUser(this.db, actor, userId);
    const rows = await this.db
      .selectFrom('device_tokens')
      .select(['id', 'device_name', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
      .where('user_id', '=', user.id)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      deviceName: row.device_name,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    }));
  }

  /** Signs one device out (a lost phone): its token and signing key stop working at once. */
  async revokeDevice(actor: Actor, userId: string, deviceId: string): Promise<void> {
    const user = await loadUser(this.db, actor, userId);
    const at = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('device_tokens')
        .set({ revoked_at: at })
        .where('id', '=', deviceId)
        .where('user_id', '=', user.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(revoked.numUpdatedRows) === 0)
        throw new HttpError('NOT_FOUND', 'No such signed-in device');
      await appendAudit(trx, {
        actor: actor.userId,
        action: 'admin.device_revoked',
        target: `user:${user.id}`,
        data: { deviceId },
        at,
      });
    });
  }
}
