import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
