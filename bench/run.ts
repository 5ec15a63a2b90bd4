// `npm run bench`: every benchmark in turn, each writing its JSON under bench/results/.
//   app.json   first-route size, 12-MP photo as stored, answer save time, offline cold start,
//              Lighthouse (mobile) scores with TBT and LCP
//   sync.json  W1 on the wire (phases and budgets) and server figures on SQLite and PostgreSQL
//   review.json  `relay`: a full relay of one W1 backup by the district (requests, bytes, floor);
//                `reviewerFirstSync`, `returnDecision`: a fresh district phone's first sync of Bác Ái
//                filled as W1 (metadata and thumbnails), one return and one approval on the wire;
//                `reviewScreenOffline`: one review screen opened offline at 4× CPU (Chromium)
//   province.json  dashboard and ranking for a province and the whole country (10,035 communes) on
//                SQLite and PostgreSQL with the growth ratio; the public results page's first-view
//                bytes, TTFB and Lighthouse (mobile)
// Every section carries its own measuredAt and commit (bench/lib/results.ts); a section that was
// not re-run keeps its old ones.
// BENCH_ONLY=app|lighthouse|w1|server|relay|review|review-screen|province runs one part;
// BENCH_LOAD_SECONDS sets the load-test length (15 s).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { measureAnswerSave, measureOfflineColdStart } from './app-bench';
import { measureFirstRoute } from './app-size';
import { measureLighthouse } from './lighthouse';
import { measurePhotoBytes } from './photo-size';
import { stamp, writeResults } from './lib/results';
import { benchProvince } from './province';
import { benchRelay } from './relay-w1';
import { benchReview } from './review-w1';
import { measureReviewScreenOffline } from './review-screen';
import { benchServers } from './sync-server';
import { benchW1 } from './sync-w1';

const root = path.resolve(import.meta.dirname, '..');
const only = process.env.BENCH_ONLY;

if (!only || only === 'app' || only === 'lighthouse') {
  if (!existsSync(path.join(root, 'dist/index.html')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

if (!only || only === 'app') {
  const firstRoute = await measureFirstRoute();
  console.log(`app: first route ${firstRoute.firstRouteGzipBytes} bytes gzipped`);
  const photo = await measurePhotoBytes();
  console.log(`app: 12-MP photo stored as ${photo.photoBytes} bytes`);
  const answerSave = await measureAnswerSave();
  console.log(`app: answer saved in ${answerSave.answerSaveMs} ms (median)`);
  const offlineColdStart = await measureOfflineColdStart();
  console.log(
    `app: offline cold start ${offlineColdStart.offlineColdStartMs} ms at 4x CPU throttle`,
  );
  console.log(
    `wrote ${await writeResults('app', { firstRoute, photo, answerSave, offlineColdStart })}`,
  );
}

if (!only || only === 'app' || only === 'lighthouse') {
  const lighthouse = await measureLighthouse();
  if (lighthouse.ran) {
    console.log('app: lighthouse', JSON.stringify(lighthouse.figures));
    console.log(`wrote ${await writeResults('app', { lighthouse: lighthouse.figures })}`);
  } else {
    console.warn(`app: LIGHTHOUSE NOT RUN: ${lighthouse.reason}; its section keeps its old date`);
  }
}

if (!only || only === 'w1') {
  const w1 = await benchW1();
  console.log('W1:', JSON.stringify(w1.budgets));
  console.log(`wrote ${await writeResults('sync', { w1: { ...stamp(), ...w1 } })}`);
}

if (!only || only === 'relay') {
  const { workload, relay, budgets } = await benchRelay();
  console.log('relay:', JSON.stringify({ ...relay, link: undefined }), JSON.stringify(budgets));
  console.log(`wrote ${await writeResults('review', { relay: { workload, ...relay, budgets } })}`);
}

if (!only || only === 'review') {
  const { reviewerFirstSync, returnDecision } = await benchReview();
  console.log('review: first sync', JSON.stringify(reviewerFirstSync.budgets));
  console.log('review: decisions', JSON.stringify(returnDecision.budgets));
  console.log(`wrote ${await writeResults('review', { reviewerFirstSync, returnDecision })}`);
}

if (!only || only === 'review-screen') {
  const reviewScreenOffline = await measureReviewScreenOffline();
  console.log('review: screen offline at 4x CPU', JSON.stringify(reviewScreenOffline));
  console.log(`wrote ${await writeResults('review', { reviewScreenOffline })}`);
}

if (!only || only === 'server') {
  const { sqlite, postgres } = await benchServers();
  console.log(`wrote ${await writeResults('sync', { server: { ...stamp(), sqlite, postgres } })}`);
}

if (!only || only === 'province') {
  const { sqlite, postgres } = await benchProvince();
  console.log(`wrote ${await writeResults('province', { sqlite, postgres })}`);
}
