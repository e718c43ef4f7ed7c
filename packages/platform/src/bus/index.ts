export * from './port';
export { createMemoryBus } from './memory';
export { namespacedBus } from './namespaced';
export { kafkaSecurityEnv, kafkaSecurityFromEnv, kafkaSecurityOptions, type KafkaSecurityEnv } from './kafka-security';
