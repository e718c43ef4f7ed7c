/**
 * Calendar feed benchmark: a participant's feed of 500 sessions (topics and agendas with
 * non-ASCII text long enough to fold, meeting URLs or places, every tenth cancelled) rendered
 * to iCalendar text. Prints the first (cold) render and p50/p99 over many, the feed's size, and
 * for comparison the time ical.js takes to parse the same text back. CPU time is printed beside
 * wall time: it is steadier when other processes share the machine.
 * Usage: pnpm exec tsx packages/scheduling-core/bench/calendar-feed.ts [sessions=500] [renders=200]
 */
import ICAL from 'ical.js';
import { renderCalendar, type CalendarSession } from '../src/calendar-feed';

const count = Number(process.argv[2] ?? 500);
const renders = Number(process.argv[3] ?? 200);

const sessions: CalendarSession[] = Array.from({ length: count }, (_, i) => {
  const startsAt = Date.UTC(2027, 0, 4, 14) + i * 7 * 86_400_000;
  return {
    id: `0190a4f2-0000-7000-8000-${String(i).padStart(12, '0')}`,
    sequence: i % 4,
    status: i % 10 === 9 ? 'cancelled' : 'scheduled',
    startsAt: new Date(startsAt),
    endsAt: new Date(startsAt + 45 * 60_000),
    topic: `Sitzung ${i + 1}: Verhandlungsführung, Feedback; nächste Schritte`,
    agenda: `Ziele prüfen, Rückblick auf die Woche; offene Fragen\nVorbereitung für Gespräch Nr. ${i + 2} — 日本語 OK`,
    meetingUrl: i % 2 === 0 ? `https://meet.example.com/tandem-${i}` : null,
    place: i % 2 === 1 ? 'Raum 4.12, Haus B' : null,
    updatedAt: new Date(startsAt - 30 * 86_400_000),
  };
});
const feed = { name: 'Ana Müller — Tandem sessions', sessions };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

let start = performance.now();
const text = renderCalendar(feed);
const first = performance.now() - start;
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < renders; i++) {
  const cpuStart = process.cpuUsage();
  start = performance.now();
  renderCalendar(feed);
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
start = performance.now();
const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').length;
const parse = performance.now() - start;

console.log(`calendar feed, ${count} sessions, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${events} events read back`);
console.log(`  render: first ${first.toFixed(1)} ms; then p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms over ${renders}`);
console.log(`  render CPU time: p50 ${quantile(cpu, 0.5).toFixed(2)} ms, p99 ${quantile(cpu, 0.99).toFixed(2)} ms`);
console.log(`  ical.js parsing the same feed once: ${parse.toFixed(1)} ms`);
process.exitCode = events === count ? 0 : 1;
