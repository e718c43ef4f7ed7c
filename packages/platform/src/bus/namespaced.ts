import type { EventBus } from './port';

/**
 * Prefixes every topic and consumer group with `namespace.`, so several installations (or test
 * runs) can share one broker without seeing each other's events. Handlers see plain topic names.
 */
export function namespacedBus(bus: EventBus, namespace: string): EventBus {
  if (!namespace) return bus;
  const prefix = `${namespace}.`;
  const wrap = (topic: string) => `${prefix}${topic}`;
  return {
    kind: bus.kind,
    ensureTopics: (topics) => bus.ensureTopics(topics.map(wrap)),
    publish: (messages) => bus.publish(messages.map((m) => ({ ...m, topic: wrap(m.topic) }))),
    subscribe: (options, handler) =>
      bus.subscribe({ ...options, group: wrap(options.group), topics: options.topics.map(wrap) }, (m) =>
        handler({ ...m, topic: m.topic.slice(prefix.length) })),
    lag: (group, topics) => bus.lag(wrap(group), topics.map(wrap)),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}
