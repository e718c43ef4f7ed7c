import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    stream: { write: (chunk: string) => { raw.push(chunk); lines.push(JSON.parse(chunk) as Record<string, unknown>); } },
  };
}

describe('createLogger', () => {
  it('names the service once per line and redacts keys and e-mail addresses', () => {
    const out = capture();
    const logger = createLogger('enrollment', 'info', out.stream);
    logger.info({ participant: { email: 'ada@example.org', name: 'Ada' }, tenant: { adminApiKey: 'tdm_secret' } }, 'enrolled');
    expect(out.lines[0]).toMatchObject({ service: 'enrollment', msg: 'enrolled', participant: { email: '[redacted]', name: 'Ada' } });
    expect(out.raw[0]).not.toContain('tdm_secret');
    expect(out.raw[0]!.match(/"service"/g)).toHaveLength(1);
  });

  it('lets the all-in-one process carry its mode while each service adds its name', () => {
    const out = capture();
    createLogger({ mode: 'all-in-one' }, 'info', out.stream).child({ service: 'matching' }).warn('slow run');
    expect(out.lines[0]).toMatchObject({ mode: 'all-in-one', service: 'matching', level: 40 });
    expect(out.raw[0]!.match(/"service"/g)).toHaveLength(1);
  });
});
