// ical-generator writes RFC 5545 with CRLF line ends and folds lines at 75 octets without
// splitting a UTF-8 character; the tests read every feed back with ical.js.
import ical, { ICalEventStatus } from 'ical-generator';

export interface CalendarSession {
  id: string;
  /** The session's change counter, 0 when new and bumped on every change: calendar apps keep the highest. */
  sequence: number;
  /** `cancelled` gives STATUS:CANCELLED; every other status is CONFIRMED. */
  status: string;
  /** Null while the session still needs a time; such a session has no event yet. */
  startsAt: Date | null;
  endsAt: Date | null;
  topic?: string | null;
  agenda?: string | null;
  meetingUrl?: string | null;
  place?: string | null;
  /** When the session last changed: the event's DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
}

export interface CalendarFeed {
  name: string;
  sessions: readonly CalendarSession[];
  /** SUMMARY of sessions without a topic. */
  defaultSummary?: string;
}

export const DEFAULT_SESSION_SUMMARY = 'Mentoring session';
const REFRESH_SECONDS = 60 * 60;
export const calendarUid = (sessionId: string): string => `${sessionId}@tandem`;

// ical-generator writes the calendar's NAME as given, so its TEXT escaping is done here.
const escapeText = (text: string): string => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');

// A URI value takes no backslash escapes, but ical-generator escapes URL like TEXT; those three
// characters are percent-encoded instead, which web servers read the same (and `\\` must be anyway).
const uriValue = (url: string): string => url.replace(/[\\;,]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The feed as an iCalendar (RFC 5545) document: one VEVENT per session that has a time, its UID
 * derived from the session id so that calendar apps update rather than duplicate it, and the
 * session's agenda as DESCRIPTION (its notes never). Every time is written in UTC; the output
 * depends only on the input, so the same feed renders to the same bytes.
 */
export function renderCalendar(feed: CalendarFeed): string {
  const calendar = ical({
    name: escapeText(feed.name),
    prodId: { company: 'Tandem', product: 'Sessions', language: 'EN' },
    // Asks subscribed calendar apps to fetch the feed again hourly.
    ttl: REFRESH_SECONDS,
  });
  for (const session of feed.sessions) {
    if (!session.startsAt || !session.endsAt) continue;
    if (!Number.isInteger(session.sequence) || session.sequence < 0) throw new RangeError(`bad sequence for session ${session.id}`);
    const url = session.meetingUrl ?? null;
    calendar.createEvent({
      id: calendarUid(session.id),
      sequence: session.sequence,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.topic || feed.defaultSummary || DEFAULT_SESSION_SUMMARY,
      description: session.agenda || null,
      location: session.place || url || null,
      url: url ? uriValue(url) : null,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // Every content line ends in CRLF, the last one too (ical-generator leaves it off).
  return `${calendar.toString()}\r\n`;
}
