// Barrel for the record schemas (each exports a zod schema and a same-named inferred type).
export * from './common';
export * from './org';
export * from './user';
export * from './template';
export * from './campaign';
export * from './submission';
export * from './answer';
export * from './evidence';
export * from './review';
