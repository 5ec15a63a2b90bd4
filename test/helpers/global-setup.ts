import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL cluster shared by this test run. */
    postgresAdminUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

/** One real PostgreSQL cluster per test run; each test server gets its own database in it. */
export async function setup(project: TestProject) {
  cluster = await startPostgres();
  project.provide('postgresAdminUrl', cluster.url.replace(/\/[^/]+$/, '/postgres'));
}

export async function teardown() {
  await cluster?.stop();
}
