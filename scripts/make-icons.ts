// Renders the PWA's PNG icons from public/favicon.svg with the system Chromium, so the icons stay
// in step with the one drawing. Run `npm run icons` after changing the SVG; the PNGs are committed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchPhone } from '../test/helpers/browser';

const publicDir = path.resolve(import.meta.dirname, '../public');

const targets = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  { file: 'apple-touch-icon.png', size: 180, padding: 0 },
  // Maskable icons are cropped to a circle by some launchers: keep the drawing in the safe zone.
  { file: 'icon-maskable-512.png', size: 512, padding: 0.12 },
];

const svg = await readFile(path.join(publicDir, 'favicon.svg'), 'utf8');
const context = await launchPhone();
const page = await context.newPage();
for (const { file, size, padding } of targets) {
  await page.setViewportSize({ width: size / 2, height: size / 2 });
  const inset = Math.round((size / 2) * padding);
  await page.setContent(
    `<html><head><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="margin:0;background:#b91c1c"><div style="padding:${inset}px;width:${size / 2}px;height:${size / 2}px;box-sizing:border-box">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body></html>`,
  );
  await page.screenshot({ path: path.join(publicDir, file), omitBackground: false });
  console.log(`wrote public/${file} (${size}×${size})`);
}
await context.close();
