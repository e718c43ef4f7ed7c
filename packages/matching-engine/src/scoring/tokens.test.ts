import { describe, expect, it } from 'vitest';
import { contentWords, normaliseKey, normaliseLanguage } from './tokens';

describe('contentWords', () => {
  it('keeps distinct lower-cased content words, plurals folded, function words dropped', () => {
    expect(contentWords(['Grow leaders', 'become a Tech leader', 'AI & data-analysis process'])).toEqual([
      'grow', 'leader', 'become', 'tech', 'ai', 'data', 'analysis', 'process',
    ]);
    expect(contentWords([])).toEqual([]);
  });
});

describe('normalisation', () => {
  it('compares names case- and space-insensitively and languages by primary subtag', () => {
    expect(normaliseKey('  Public Speaking ')).toBe('public speaking');
    expect([normaliseLanguage('en-GB'), normaliseLanguage('pt_BR'), normaliseLanguage('DE')]).toEqual(['en', 'pt', 'de']);
  });
});
