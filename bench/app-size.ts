// First-route size of the built PWA: the JS and CSS that index.html loads before anything else,
// gzipped at level 9 the way a server or CDN would send them. Budget: ≤ 200 KB.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeResults } from './lib/results';

const dist = path.resolve(import.meta.dirname, '../dist');

export async function measureFirstRoute() {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const referenced = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+href="\/([^"]+\.(?:css|js))"/g),
  ].map((match) => match[1] as string);
  const files: Record<string, number> = {};
  let total = 0;
  for (const file of new Set(referenced)) {
    const gzipped = gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
    files[file] = gzipped;
    total += gzipped;
  }
  return { firstRouteGzipBytes: total, firstRouteFiles: files, firstRouteBudgetBytes: 200 * 1024 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measureFirstRoute();
  console.log(figures);
  console.log(`wrote ${await writeResults('app', figures)}`);
}
