import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { can } from '../../src/shared/permissions/can';
import { Role } from '../../src/shared/schemas/user';
import type { BlobAccess, BlobActor } from '../blobs';
import type { Database } from '../db/schema';
import { appendAudit } from './audit';
import type { AuthService } from './auth';

function asActor(actor: BlobActor) {
  return { userId: actor.userId, role: Role.parse(actor.role), orgPath: actor.orgPath };
}

/**
 * Who may move which bytes, decided by the evidence records that reference a hash:
 * - upload: the commune that owns a referencing evidence record — also after it submitted, since
 *   photos may finish uploading after the metadata (the metadata was accepted while editable) —
 *   and a unit above it that may relay its work (a district carrying a commune's backup: the
 *   bytes are checked against the hash the accepted record names, so the carrier can only
 *   deliver exactly the photo the commune signed for);
 * - read (GET/HEAD): anyone who may read a referencing record's work (its unit is in their
 *   subtree, and they are not a viewer).
 * A hash nobody in scope references is "not found", so existence does not leak.
 */
export function databaseBlobAccess(
  db: Kysely<Database>,
  auth: AuthService,
  now: () => Date = () => new Date(),
): BlobAccess {
  const refs = (sha256: string) =>
    db.selectFrom('blob_refs').select('org_path').where('sha256', '=', sha256).execute();
  return {
    async authenticate(request: FastifyRequest) {
      const context = await auth.authenticate(request.headers.authorization);
      return context.actor;
    },
    async mayUpload(actor, sha256) {
      const owner = asActor(actor);
      return (await refs(sha256)).some(
        (ref) =>
          can(owner, 'evidence.write', {
            orgPath: ref.org_path,
            status: 'draft',
            campaignStatus: 'open',
          }) || can(owner, 'mutation.relay', { orgPath: ref.org_path }),
      );
    },
    async mayRead(actor, sha256) {
      // Evidence is the work itself: a viewer (results only) reads none of it.
      const reader = asActor(actor);
      return (await refs(sha256)).some((ref) =>
        can(reader, 'submission.read', { orgPath: ref.org_path }),
      );
    },
    async onStored(actor, blob) {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('blobs')
          .select('sha256')
          .where('sha256', '=', blob.sha256)
          .executeTakeFirst();
        if (existing) return;
        await trx
          .insertInto('blobs')
          .values({
            sha256: blob.sha256,
            mime: blob.mime,
            bytes: blob.bytes,
            width: blob.width,
            height: blob.height,
            created_at: at,
            created_by: actor.userId,
          })
          .execute();
        await appendAudit(trx, {
          actor: actor.userId,
          action: 'blob.stored',
          target: `blob:${blob.sha256}`,
          data: blob,
          at,
        });
      });
    },
  };
}
