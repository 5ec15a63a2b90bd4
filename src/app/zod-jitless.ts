// zod, run jitless in the app. zod 4 decides per object schema, when the schema is *defined*,
// whether to compile a fast parser with `new Function`, and probes for eval to find out; the app's
// CSP has no 'unsafe-eval', so the probe is a CSP violation in the console (and the compiled path
// could never run anyway). `z.config({ jitless: true })` in main.tsx would come too late: the
// bundler evaluates the chunk holding zod and the shared schemas before main.tsx's own code. So
// the build resolves `zod` to ./zod.ts (vite.config.ts), which evaluates this module first; zod
// then adopts this object as its global config (it only creates one when none exists).
const KEY = '__zod_globalConfig';
const existing: unknown = Reflect.get(globalThis, KEY);
if (typeof existing === 'object' && existing !== null) Object.assign(existing, { jitless: true });
else Reflect.set(globalThis, KEY, { jitless: true });
