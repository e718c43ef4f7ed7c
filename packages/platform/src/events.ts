import { eventSchemas, type Envelope, type EventData, type EventType } from '@tandem/contracts';
import { uuidv7 } from './ids';
import { currentTraceparent } from './telemetry';

/**
 * Builds an envelope for `type`, validating the payload against its contract: a producer that
 * would emit a malformed event fails here, inside its transaction, and nothing is written.
 */
export function createEvent<T extends EventType>(
  source: string,
  tenantId: string,
  type: T,
  subject: string,
  data: EventData<T>,
): Envelope<EventData<T>> {
  const parsed = eventSchemas[type].parse(data) as EventData<T>;
  return {
    id: uuidv7(),
    type,
    version: 1,
    source,
    tenantId,
    subject,
    time: new Date().toISOString(),
    traceparent: currentTraceparent(),
    data: parsed,
  };
}
