// Unit-test environment: real IndexedDB semantics through fake-indexeddb, reset between tests so
// no test can see another's data, and React Testing Library cleanup (we do not use vitest globals,
// so RTL cannot register its own afterEach).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// waitFor/findBy return as soon as their state holds; their 1 s default deadline failed slow runs
// (a checklist of 26 cards re-rendering after an autosave) on a loaded 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  globalThis.indexedDB = new IDBFactory();
});
