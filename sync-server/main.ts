import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

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
  const app = await buildApp({ config, version: await readVersion() });

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
  app.log.info({ dataDir: config.dataDir }, 'Minh Chứng sync server ready');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
