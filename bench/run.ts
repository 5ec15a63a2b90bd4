// `npm run bench`: builds the app if needed, then runs every benchmark in turn. Each writes its
// own JSON under bench/results/.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { measureFirstRoute } from './app-size';
import { writeResults } from './lib/results';

const root = path.resolve(import.meta.dirname, '..');
if (!existsSync(path.join(root, 'dist/index.html'))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const appSize = await measureFirstRoute();
console.log(`app: first route ${appSize.firstRouteGzipBytes} bytes gzipped`);
console.log(`wrote ${await writeResults('app', appSize)}`);
