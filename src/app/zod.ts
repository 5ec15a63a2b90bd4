// What `zod` resolves to in the app's build (vite.config.ts): zod itself, configured jitless
// before its first schema exists (see zod-jitless.ts). The server and the tests use zod as is.
import './zod-jitless';

export * from 'zod/v4';
export { z, z as default } from 'zod/v4';
