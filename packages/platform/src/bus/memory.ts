import type { EventBus, IncomingMessage, MessageHandler, OutgoingMessage, SubscribeOptions, Subscription } from './port';

interface Member {
  handler: MessageHandler;
  closed: boolean;
  /** Resolves when the member closes, to abandon a message it was handling. */
  onClose: Promise<'closed'>;
  /** Aborted when the member closes: the signal of every message it is handling. */
  abort: AbortController;
  close: () => void;
}

interface Cursor {
  group: string;
  topic: string;
  offset: number;
  members: Member[];
  running: boolean;
}

const REDELIVERY_DELAY_MS = 20;

/** A message as the log keeps it; each delivery adds its member's signal. */
type Stored = Omit<IncomingMessage, 'signal'>;

/**
 * The in-process bus of the all-in-one mode. Each topic is one ordered log (one partition);
 * each consumer group keeps a committed offset per topic and hands each message to one live
 * member. A handler that rejects, or a member that closes mid-message, leaves the offset where it
 * was, so the message is delivered again: the same at-least-once contract as Kafka.
 */
export function createMemoryBus(): EventBus {
  const logs = new Map<string, Stored[]>();
  const cursors = new Map<string, Cursor>();
  let closed = false;

  const log = (topic: string) => {
    let entries = logs.get(topic);
    if (!entries) logs.set(topic, (entries = []));
    return entries;
  };

  const pump = async (cursor: Cursor) => {
    if (cursor.running) return;
    cursor.running = true;
    try {
      const entries = log(cursor.topic);
      while (!closed && cursor.offset < entries.length) {
        const member = cursor.members.find((m) => !m.closed);
        if (!member) return;
        const message = { ...entries[cursor.offset]!, signal: member.abort.signal };
        const outcome = await Promise.race([
          member.handler(message).then(() => 'done' as const, () => 'failed' as const),
          member.onClose,
        ]);
        if (outcome === 'done') cursor.offset += 1;
        else if (outcome === 'failed') await new Promise((r) => setTimeout(r, REDELIVERY_DELAY_MS));
      }
    } finally {
      cursor.running = false;
    }
  };

  return {
    kind: 'memory',
    async lag(group, topics) {
      let behind = 0;
      for (const topic of topics) behind += log(topic).length - (cursors.get(`${group}\u0000${topic}`)?.offset ?? 0);
      return behind;
    },
    async ensureTopics(topics) {
      for (const topic of topics) log(topic);
    },
    async publish(messages: readonly OutgoingMessage[]) {
      if (closed) throw new Error('bus is closed');
      const touched = new Set<string>();
      for (const m of messages) {
        const entries = log(m.topic);
        entries.push({
          topic: m.topic, key: m.key, value: m.value, headers: { ...m.headers }, partition: 0, offset: String(entries.length),
        });
        touched.add(m.topic);
      }
      for (const cursor of cursors.values()) if (touched.has(cursor.topic)) void pump(cursor);
    },
    async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
      if (closed) throw new Error('bus is closed');
      const abort = new AbortController();
      let close!: () => void;
      const onClose = new Promise<'closed'>((resolve) => (close = () => {
        abort.abort(new Error('the member was closed'));
        resolve('closed');
      }));
      const member: Member = { handler, closed: false, onClose, abort, close };
      const joined: Cursor[] = [];
      for (const topic of options.topics) {
        const id = `${options.group}\u0000${topic}`;
        let cursor = cursors.get(id);
        if (!cursor) {
          const start = options.fromBeginning === false ? log(topic).length : 0;
          cursors.set(id, (cursor = { group: options.group, topic, offset: start, members: [], running: false }));
        }
        cursor.members.push(member);
        joined.push(cursor);
        void pump(cursor);
      }
      return {
        joined: () => !member.closed && !closed,
        async close() {
          if (member.closed) return;
          member.closed = true;
          member.close();
          for (const cursor of joined) {
            cursor.members = cursor.members.filter((m) => m !== member);
            // Let the group's remaining members pick up where this one stopped.
            setImmediate(() => void pump(cursor));
          }
        },
      };
    },
    async ping() {
      if (closed) throw new Error('bus is closed');
    },
    async close() {
      closed = true;
      for (const cursor of cursors.values()) for (const m of cursor.members) m.close();
    },
  };
}
