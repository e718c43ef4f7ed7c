export * from './port';
export { createMemoryBus } from './memory';
export { namespacedBus } from './namespaced';
