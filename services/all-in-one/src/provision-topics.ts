import { allTopics } from '@tandem/contracts';
import { createLogger, kafkaSecurityFromEnv, loadConfig, platformEnv } from '@tandem/platform';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';

/**
 * `node dist/provision-topics.js` (the Kubernetes topic Job): creates every event topic and its
 * dead-letter topic with the configured partitions and replication, and raises the partition
 * count of existing ones (never lowers it). Runs with an admin principal; the services then
 * need only read, write and group rights, and start with KAFKA_ENSURE_TOPICS=false.
 */
const env = loadConfig(platformEnv.extend({
  KAFKA_BROKERS: platformEnv.shape.KAFKA_BROKERS.unwrap(),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(6),
  KAFKA_TOPIC_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(3),
  /** min.insync.replicas of the topics: with acks=all, writes need this many copies. */
  KAFKA_TOPIC_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).default(2),
}).refine((e) => e.KAFKA_TOPIC_MIN_INSYNC_REPLICAS <= e.KAFKA_TOPIC_REPLICATION_FACTOR, {
  path: ['KAFKA_TOPIC_MIN_INSYNC_REPLICAS'], message: 'cannot exceed KAFKA_TOPIC_REPLICATION_FACTOR',
}));
const logger = createLogger('provision-topics', env.LOG_LEVEL);
const prefix = env.KAFKA_NAMESPACE ? `${env.KAFKA_NAMESPACE}.` : '';
const topics = allTopics().map((topic) => `${prefix}${topic}`);

const kafka = new Kafka({ clientId: 'tandem-provision-topics', brokers: env.KAFKA_BROKERS, logLevel: logLevel.WARN, ...kafkaSecurityFromEnv() });
const admin = kafka.admin();
await admin.connect();
try {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: env.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: env.KAFKA_TOPIC_REPLICATION_FACTOR,
      configEntries: [{ name: 'min.insync.replicas', value: String(env.KAFKA_TOPIC_MIN_INSYNC_REPLICAS) }],
    })),
  });
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  const grow = metadata.filter((t) => t.partitions.length < env.KAFKA_TOPIC_PARTITIONS);
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow.map((t) => ({ topic: t.name, count: env.KAFKA_TOPIC_PARTITIONS })) });
  logger.info({ created: missing, grown: grow.map((t) => t.name), partitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_TOPIC_REPLICATION_FACTOR }, `${topics.length} topics provisioned`);
} finally {
  await admin.disconnect();
}
