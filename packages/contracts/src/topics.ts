import type { EventType } from './events';

/** One topic per producing service; the first segment of an event type names its producer. */
export const producers = ['tenancy', 'enrollment', 'matching', 'scheduling', 'surveys', 'analytics'] as const;
export type Producer = (typeof producers)[number];

export const topicOf = (producer: Producer): string => `tandem.${producer}`;
export const topicForEvent = (type: EventType): string => topicOf(type.split('.')[0] as Producer);
/** Events a consumer gave up on, with the error in the headers; replayable. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
export const allTopics = (): string[] => producers.flatMap((p) => [topicOf(p), deadLetterTopic(topicOf(p))]);
