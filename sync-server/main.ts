import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createServerContext } from './context';

async function readVersion(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(path.join(import.meta.dirname, '../package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}

async function main() {
  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const context = await createServerContext(config);
  const app = await buildApp({ config, version: await readVersion(), context });
  app.addHook('onClose', () => context.close());

  // Graceful shutdown: stop accepting, let in-flight requests (a sync push mid-transaction)
  // finish, then exit. A second signal exits at once.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const { startup, database } = context;
  app.log.info(
    { dataDir: config.dataDir, database: database.description, migrations: startup.migrations },
    'Minh Chứng sync server ready',
  );
  if (startup.seededReferenceData)
    app.log.info('loaded the shipped units and template and opened the demo campaign');
  const demo = startup.demoAccounts;
  if (demo) {
    // Printed once, on the first start only: the accounts exist from now on.
    console.log(
      `\nDemo accounts created (${demo.count}): admin, province, viewer, district-<code>, commune-<code>` +
        (demo.generated
          ? `\nPassword (shown only now; set MC_DEMO_PASSWORD to choose it): ${demo.password}\n`
          : '\nPassword: the value of MC_DEMO_PASSWORD\n'),
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
