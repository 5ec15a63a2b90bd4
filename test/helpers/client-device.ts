import { MinhChungDb, type LocalRecord } from '../../src/app/db/database';
import type { Session } from '../../src/app/features/auth/session';
import { signIn } from '../../src/app/features/auth/sign-in';
import { SyncEngine } from '../../src/app/sync/engine';
import { enqueue } from '../../src/app/sync/outbox';
import { HttpSyncTransport, type SyncTransport } from '../../src/app/sync/transport';
import type { Mutation } from '../../src/shared/protocol/sync';

let counter = 0;

/** A phone as the app builds it — Dexie on (fake) IndexedDB, the real outbox and sync engine,
 * HTTP to a server or to a fault proxy in front of it. */
export class ClientDevice {
  readonly db: MinhChungDb;
  readonly engine: SyncEngine;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly userId: string,
    options: {
      batchSize?: number;
      pageSize?: number;
      timeoutMs?: number;
      /** Wraps the real HTTP transport: a build that speaks another protocol version, say. */
      wrap?: (http: SyncTransport) => SyncTransport;
      /** The phone's database, when it exists before the device (signIn below). */
      db?: MinhChungDb;
    } = {},
  ) {
    this.db = options.db ?? new MinhChungDb(`device-${process.pid}-${counter++}`);
    const http = new HttpSyncTransport({
      baseUrl,
      getToken: () => token,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    this.engine = new SyncEngine(this.db, options.wrap ? options.wrap(http) : http, options);
  }

  /**
   * A phone signed in the way the app does it (features/auth/sign-in.ts): a fresh signing key in
   * its IndexedDB, the public half registered with its token.
   */
  static async signIn(
    baseUrl: string,
    username: string,
    password: string,
  ): Promise<{ device: ClientDevice; session: Session }> {
    const db = new MinhChungDb(`device-${process.pid}-${counter++}`);
    const session = await signIn(db, baseUrl, { username, password, deviceName: 'test phone' });
    return { device: new ClientDevice(baseUrl, session.token, session.user.id, { db }), session };
  }

  enqueue(mutation: Mutation) {
    return enqueue(this.db, mutation, this.userId);
  }

  async record(collection: LocalRecord['collection'], id: string) {
    return (await this.db.records.get([collection, id]))?.fields;
  }

  async pendingCount() {
    return this.db.outbox.where('state').equals('pending').count();
  }

  async close() {
    this.db.close();
    await this.db.delete();
  }
}
