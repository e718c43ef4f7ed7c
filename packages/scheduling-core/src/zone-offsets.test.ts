import { describe, expect, it } from 'vitest';
import { offsetSpans, wallTime } from './zone-offsets';

const H = 3_600_000;
const year2027 = [Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1)] as const;
const spans = (zone: string, from: number, to: number) =>
  offsetSpans(zone, from, to).map((s) => ({ from: new Date(s.start).toISOString(), hours: s.offset / H }));

describe('the process zone', () => {
  it('is the one the test project sets (the machine’s own in the plain unit run)', () => {
    const zone = process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const at of [Date.UTC(2027, 0, 15), Date.UTC(2027, 6, 15)]) {
      // getTimezoneOffset counts minutes the other way round: UTC minus local.
      expect(offsetSpans(zone, at, at + 1)[0]!.offset + new Date(at).getTimezoneOffset() * 60_000).toBe(0);
    }
  });
});

describe('offsetSpans', () => {
  it('finds the daylight-saving changes of a year, to the second, in both hemispheres', () => {
    expect(spans('Europe/Berlin', ...year2027)).toEqual([
      { from: '2027-01-01T00:00:00.000Z', hours: 1 },
      { from: '2027-03-28T01:00:00.000Z', hours: 2 },
      { from: '2027-10-31T01:00:00.000Z', hours: 1 },
    ]);
    expect(spans('America/New_York', ...year2027)).toEqual([
      { from: '2027-01-01T00:00:00.000Z', hours: -5 },
      { from: '2027-03-14T07:00:00.000Z', hours: -4 },
      { from: '2027-11-07T06:00:00.000Z', hours: -5 },
    ]);
    expect(spans('Australia/Sydney', ...year2027)).toEqual([
      { from: '2027-01-01T00:00:00.000Z', hours: 11 },
      { from: '2027-04-03T16:00:00.000Z', hours: 10 },
      { from: '2027-10-02T16:00:00.000Z', hours: 11 },
    ]);
  });

  it('handles 30- and 45-minute offsets and half-hour daylight saving', () => {
    expect(spans('Asia/Kolkata', ...year2027)).toEqual([{ from: '2027-01-01T00:00:00.000Z', hours: 5.5 }]);
    expect(spans('Asia/Kathmandu', ...year2027)).toEqual([{ from: '2027-01-01T00:00:00.000Z', hours: 5.75 }]);
    expect(spans('Pacific/Chatham', ...year2027)).toEqual([
      { from: '2027-01-01T00:00:00.000Z', hours: 13.75 },
      { from: '2027-04-03T14:00:00.000Z', hours: 12.75 },
      { from: '2027-09-25T14:00:00.000Z', hours: 13.75 },
    ]);
    expect(spans('Australia/Lord_Howe', ...year2027)).toEqual([
      { from: '2027-01-01T00:00:00.000Z', hours: 11 },
      { from: '2027-04-03T15:00:00.000Z', hours: 10.5 },
      { from: '2027-10-02T15:30:00.000Z', hours: 11 },
    ]);
  });

  it('follows a zone’s history: São Paulo kept daylight saving until 2019', () => {
    expect(spans('America/Sao_Paulo', Date.UTC(2018, 9, 1), Date.UTC(2020, 0, 1))).toEqual([
      { from: '2018-10-01T00:00:00.000Z', hours: -3 },
      { from: '2018-11-04T03:00:00.000Z', hours: -2 },
      { from: '2019-02-17T02:00:00.000Z', hours: -3 },
    ]);
  });

  it('joins the same offset across years and clips to the range', () => {
    expect(spans('Asia/Tokyo', Date.UTC(2026, 5, 1), Date.UTC(2028, 5, 1))).toEqual([{ from: '2026-06-01T00:00:00.000Z', hours: 9 }]);
    const clipped = offsetSpans('Europe/Berlin', Date.UTC(2027, 2, 28), Date.UTC(2027, 2, 29));
    expect(clipped.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z'],
      ['2027-03-28T01:00:00.000Z', '2027-03-29T00:00:00.000Z'],
    ]);
  });

  it('refuses an unknown zone', () => {
    expect(() => offsetSpans('Mars/Olympus', 0, H)).toThrow(RangeError);
  });
});

describe('wallTime', () => {
  it('reads the zone’s clock on either side of a change', () => {
    expect(wallTime('America/New_York', Date.parse('2027-11-07T05:30:00Z'))).toBe('2027-11-07T01:30');
    expect(wallTime('America/New_York', Date.parse('2027-11-07T06:30:00Z'))).toBe('2027-11-07T01:30');
    expect(wallTime('Pacific/Chatham', Date.parse('2027-09-25T14:00:00Z'))).toBe('2027-09-26T03:45');
    expect(wallTime('Pacific/Chatham', Date.parse('2027-09-25T13:59:00Z'))).toBe('2027-09-26T02:44');
    expect(wallTime('Asia/Kathmandu', Date.parse('2027-01-01T00:00:00Z'))).toBe('2027-01-01T05:45');
  });
});
