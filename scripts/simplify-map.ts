// `npm run map`: the province's district polygons (shared/data, ~1 MB) simplified, projected and
// written as data/map-ninh-thuan-districts.json, which is committed (a fresh clone has no shared
// data). Deterministic: no timestamp, so a re-run that changes nothing changes no byte, and
// test/integration/map-data.test.ts can hold the committed file to what this writes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAP_OUTPUT_PATH, mapSourcePath, readMapSource, renderMap } from './map-build';

const sourcePath = mapSourcePath();
const text = renderMap(await readMapSource(sourcePath));
await writeFile(MAP_OUTPUT_PATH, text);
const bytes = Buffer.byteLength(text).toLocaleString('en');
console.log(
  `wrote ${path.relative(process.cwd(), MAP_OUTPUT_PATH)} (${bytes} bytes) from ${sourcePath}`,
);
