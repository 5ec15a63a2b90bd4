// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../sync-server/app';
import { ConfigError, loadConfig } from '../../sync-server/config';

/** One GET over HTTPS that trusts only the given certificate (as a phone with the local CA would). */
function get(
  url: string,
  ca: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
  });
}

describe('the server on a LAN: plain HTTP and its own TLS', () => {
  let tmp: string;
  let staticDir: string;
  let certFile: string;
  let keyFile: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'mc-tls-'));
    staticDir = path.join(tmp, 'dist');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    certFile = path.join(tmp, 'cert.pem');
    keyFile = path.join(tmp, 'key.pem');
    // A throwaway self-signed certificate for 127.0.0.1, made for this run only.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function start(argv: string[]): Promise<{ app: FastifyInstance; url: string }> {
    const config = loadConfig(
      { DATA_DIR: path.join(tmp, `data-${argv.length}`), STATIC_DIR: staticDir },
      argv,
    );
    const app = await buildApp({ config, version: '9.9.9', logger: false });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, url };
  }

  it('serves the shell over plain HTTP without upgrade-insecure-requests', async () => {
    const { app, url } = await start([]);
    try {
      expect(url.startsWith('http://')).toBe(true);
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>shell</title>');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      // The directive that turned http://<lan-address>:8080/ into a blank page.
      expect(csp).not.toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });

  it('serves HTTPS from --tls-cert and --tls-key', async () => {
    const { app, url } = await start(['--tls-cert', certFile, '--tls-key', keyFile]);
    try {
      expect(url.startsWith('https://')).toBe(true);
      const ca = await readFile(certFile);
      const health = await get(`${url}/api/health`, ca);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ version: '9.9.9' });
      const shell = await get(`${url}/`, ca);
      expect(shell.status).toBe(200);
      expect(shell.body).toContain('<title>shell</title>');
    } finally {
      await app.close();
    }
  });

  it('refuses a certificate without its key', () => {
    expect(() => loadConfig({}, ['--tls-cert', certFile])).toThrow(ConfigError);
    expect(() => loadConfig({ TLS_KEY: keyFile }, [])).toThrow(ConfigError);
  });
});
