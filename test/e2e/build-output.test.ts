import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_ROUTE_BUDGET_BYTES, measureFirstRoute } from '../../bench/app-size';

const dist = path.resolve(import.meta.dirname, '../../dist');

// The PWA tested from its build output: what the service worker will precache and what the
// manifest promises. A browser test alone would not notice, say, a stylesheet left out of the
// precache list until someone opened the app offline.
describe('the built PWA', () => {
  it('precaches the shell, every script and stylesheet, and the icons', async () => {
    const sw = await readFile(path.join(dist, 'sw.js'), 'utf8');
    const precached = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((match) => match[1]);
    expect(precached).toContain('index.html');
    expect(precached).toContain('manifest.webmanifest');
    expect(precached).toContain('icon-192.png');
    const assets = await readdir(path.join(dist, 'assets'));
    const shipped = assets.filter((file) => file.endsWith('.js') || file.endsWith('.css'));
    expect(shipped.length).toBeGreaterThan(0);
    for (const file of shipped) expect(precached).toContain(`assets/${file}`);
    // The app shell must never answer API calls, and queued changes go out by Background Sync.
    expect(sw).toContain('/^\\/api\\//');
    expect(sw).toContain('mc-sync');
  });

  it('keeps the first route within its gzipped budget, the screens loading on demand', async () => {
    const { firstRouteGzipBytes, firstRouteFiles } = await measureFirstRoute();
    expect(firstRouteGzipBytes).toBeLessThanOrEqual(FIRST_ROUTE_BUDGET_BYTES);
    // The checklist (with react-hook-form) and the photo pipeline are not in it.
    const firstRoute = await Promise.all(
      Object.keys(firstRouteFiles)
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFile(path.join(dist, file), 'utf8')),
    );
    expect(firstRoute.some((code) => code.includes('total-score'))).toBe(false);
    expect(firstRoute.some((code) => code.includes('evidence-tile'))).toBe(false);
  });

  it('ships a real robots.txt', async () => {
    const robots = await readFile(path.join(dist, 'robots.txt'), 'utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Disallow: \/api\/$/m);
  });

  it('ships a Vietnamese, installable manifest', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(dist, 'manifest.webmanifest'), 'utf8'),
    ) as {
      lang: string;
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest.lang).toBe('vi');
    expect(manifest.name).toContain('Minh Chứng');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const png = await readFile(path.join(dist, icon.src));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
