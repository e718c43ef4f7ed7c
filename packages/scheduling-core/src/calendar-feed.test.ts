import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { renderCalendar, type CalendarSession } from './calendar-feed';

const session = (id: string, fields: Partial<CalendarSession> & { notes?: string } = {}): CalendarSession => ({
  id,
  sequence: 0,
  status: 'scheduled',
  startsAt: new Date('2027-03-01T14:00:00Z'),
  endsAt: new Date('2027-03-01T14:45:00Z'),
  updatedAt: new Date('2027-02-01T10:00:00Z'),
  ...fields,
});

const sessions: (CalendarSession & { notes?: string })[] = [
  session('0190a4f2-0000-7000-8000-000000000001', {
    topic: 'Négociation, «premier pas»; 日本語のセッション 🤝 with a title long enough to need folding twice over',
    agenda: 'Ziele klären; Rollen, Erwartungen\nZweite Zeile mit Ümlauten \\ und Backslash',
    meetingUrl: 'https://meet.example.com/abc?x=1,2;y=3',
    sequence: 3,
    updatedAt: new Date('2027-02-10T08:30:00Z'),
    notes: 'private notes that must never leave the service',
  }),
  session('0190a4f2-0000-7000-8000-000000000002', {
    status: 'cancelled',
    sequence: 1,
    place: 'Raum 4.12, Haus B; Eingang Süd',
    startsAt: new Date('2027-03-15T13:00:00Z'),
    endsAt: new Date('2027-03-15T14:30:00Z'),
  }),
  session('0190a4f2-0000-7000-8000-000000000003', { status: 'completed', topic: '' }),
  session('0190a4f2-0000-7000-8000-000000000004', { status: 'needs-time', startsAt: null, endsAt: null }),
];

const feed = { name: 'Ana & Bo, mentoring; 2027', sessions };
const text = renderCalendar(feed);

// Non-standard properties are TEXT unless they say otherwise (RFC 5545 3.8.8.2), and NAME is TEXT
// (RFC 7986); ical.js leaves properties it does not know unparsed, so it is told.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };
ICAL.design.icalendar.property.name = { defaultType: 'text' };

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const time = (name: string) => (vevent.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toJSDate().toISOString();
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      dtstamp: time('dtstamp'),
      startsAt: event.startDate.toJSDate().toISOString(),
      endsAt: event.endDate.toJSDate().toISOString(),
      utc: event.startDate.zone?.tzid === 'UTC' && event.endDate.zone?.tzid === 'UTC',
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: vevent.getFirstPropertyValue('url'),
    };
  });
  expect(calendar.getFirstPropertyValue('name')).toBe(calendar.getFirstPropertyValue('x-wr-calname'));
  return { name: calendar.getFirstPropertyValue('x-wr-calname'), events };
}

describe('renderCalendar', () => {
  it('reads back through ical.js as one event per timed session, matching the sessions', () => {
    const parsed = parse(text);
    expect(parsed.name).toBe(feed.name);
    const expected = sessions
      .filter((s) => s.startsAt)
      .map((s) => ({
        uid: `${s.id}@tandem`,
        sequence: s.sequence,
        status: s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        dtstamp: s.updatedAt.toISOString(),
        startsAt: s.startsAt!.toISOString(),
        endsAt: s.endsAt!.toISOString(),
        utc: true,
        summary: s.topic || 'Mentoring session',
        description: s.agenda ?? null,
        location: s.place ?? s.meetingUrl ?? null,
        url: s.meetingUrl ? 'https://meet.example.com/abc?x=1%2C2%3By=3' : null,
      }));
    expect(parsed.events).toEqual(expected);
  });

  it('writes CRLF line ends and folds at 75 octets without splitting a character', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    // Folding happened, and unfolding gives back whole characters (no U+FFFD from a split sequence).
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Négociation\\, «premier pas»\\; 日本語のセッション 🤝 with a title long enough to need folding twice over\r\n');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Ziele klären\\; Rollen\\, Erwartungen\\nZweite Zeile mit Ümlauten \\\\ und Backslash\r\n');
    expect(unfolded).toContain('LOCATION:Raum 4.12\\, Haus B\\; Eingang Süd\r\n');
    expect(unfolded).toContain('X-WR-CALNAME:Ana & Bo\\, mentoring\\; 2027\r\n');
  });

  it('asks subscribers to refresh hourly', () => {
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n');
  });

  it('never carries notes', () => {
    expect(text).not.toContain('private notes');
  });

  it('renders the same input to the same bytes, and an empty calendar too', () => {
    expect(renderCalendar(feed)).toBe(text);
    const empty = renderCalendar({ name: 'Nobody', sessions: [] });
    expect(parse(empty)).toEqual({ name: 'Nobody', events: [] });
  });

  it('lets a change show: a higher SEQUENCE, a new DTSTAMP and time under the same UID', () => {
    const moved = { ...sessions[0]!, sequence: 4, startsAt: new Date('2027-03-08T14:00:00Z'), endsAt: new Date('2027-03-08T14:45:00Z'), updatedAt: new Date('2027-02-11T09:00:00Z') };
    const [event] = parse(renderCalendar({ name: 'x', sessions: [moved] })).events;
    expect(event).toMatchObject({ uid: `${moved.id}@tandem`, sequence: 4, dtstamp: '2027-02-11T09:00:00.000Z', startsAt: '2027-03-08T14:00:00.000Z' });
  });

  it('refuses a negative or fractional sequence', () => {
    expect(() => renderCalendar({ name: 'x', sessions: [session('s', { sequence: -1 })] })).toThrow(RangeError);
    expect(() => renderCalendar({ name: 'x', sessions: [session('s', { sequence: 0.5 })] })).toThrow(RangeError);
  });
});
