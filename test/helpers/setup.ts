// Unit-test environment: real IndexedDB semantics through fake-indexeddb, reset between tests so
// no test can see another's data, and React Testing Library cleanup (we do not use vitest globals,
// so RTL cannot register its own afterEach).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  globalThis.indexedDB = new IDBFactory();
});
