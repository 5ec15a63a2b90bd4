// What `zod/mini` resolves to in the app's build (vite.config.ts): zod/mini, configured jitless
// first, for the same reason as ./zod.ts.
import './zod-jitless';

export * from 'zod/v4/mini';
