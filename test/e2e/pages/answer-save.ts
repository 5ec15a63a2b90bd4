// Times the app's real save path for an answer — enqueue(): the local record and the outbox entry
// in one IndexedDB transaction — in the browser's own IndexedDB. Used by bench/app-bench.ts.
import { MinhChungDb } from '../../../src/app/db/database';
import { saveAnswer } from '../../../src/app/features/checklist/repository';

declare global {
  interface Window {
    benchAnswerSave?: (runs: number) => Promise<number[]>;
  }
}

window.benchAnswerSave = async (runs: number) => {
  const db = new MinhChungDb(`answer-save-bench-${Date.now()}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Alternate indicators so each save is a real new outbox entry, not a fold into the last one.
    const indicatorId = `${1 + (i % 8)}.${1 + (i % 3)}`;
    const started = performance.now();
    await saveAnswer(db, { userId: 'bench-user' }, 'cds-2025@22783', indicatorId, {
      value: i,
      note: `ghi chú ${i}`,
    });
    times.push(performance.now() - started);
  }
  db.close();
  await db.delete();
  return times;
};
