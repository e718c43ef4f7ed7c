/**
 * The event bus port. Two adapters implement it: in-memory (all-in-one mode) and Kafka.
 * Adapters move opaque messages; envelopes, retries, dead-lettering and idempotency live above
 * the port (outbox relay, consumer runner) so both adapters behave the same by construction.
 */
export interface OutgoingMessage {
  topic: string;
  /** Partitioning key (the aggregate id): order is kept per key. */
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  /**
   * Aborted when this member gives the message up before the handler finished: it was closed,
   * or (Kafka) it is losing the partition in a rebalance. A handler that waits (e.g. to retry)
   * should stop then; whatever it resolves or rejects afterwards commits nothing, and the
   * message is delivered again, to this member or the next owner of the partition.
   */
  signal: AbortSignal;
}

/**
 * Resolving commits the message for the group; rejecting leaves it uncommitted so it is
 * delivered again (to this member or, after a rebalance, to another one).
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: one per consuming service. */
  group: string;
  topics: readonly string[];
  /** Where a group with no committed offset starts. Default: earliest. */
  fromBeginning?: boolean;
}

export interface Subscription {
  /** Stops consuming; an in-flight message that was not committed is redelivered later. */
  close(): Promise<void>;
  /**
   * Whether the member is in its group and receiving now; false while it joins or rejoins (at
   * start, after a broker outage or a rebalance) and after close.
   */
  joined(): boolean;
}

export interface EventBus {
  readonly kind: 'memory' | 'kafka';
  /** Creates topics that do not exist yet (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Resolves once the broker has accepted every message; order is kept per key. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /**
   * Messages on `topics` that `group` has not committed yet (all of them for a group that has
   * committed nothing): the consumer lag an operator watches.
   */
  lag(group: string, topics: readonly string[]): Promise<number>;
  /** Resolves when the bus is reachable (used by /ready). */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}
