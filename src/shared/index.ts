// Public API of the shared core, imported by the PWA and the sync server alike.
export * from './i18n-text';
export * from './errors';
export * from './ids';
export * from './schemas/index';
export * from './template/validate';
export { formatPath } from './template/problems';
export * from './scoring/score';
export { round2, sum2 } from './scoring/rounding';
export * from './workflow/state-machine';
export * from './hierarchy/paths';
export * from './permissions/can';
