export * from './port';
export { createMemoryBus } from './memory';
