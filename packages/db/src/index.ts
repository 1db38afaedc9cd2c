export * from './schema.ts';
export * from './client.ts';
export { newId } from './ids.ts';
export * from './backup.ts';
