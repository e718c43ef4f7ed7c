/** Function words that say nothing about a goal or an interest. */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'at', 'be', 'by', 'for', 'from', 'get', 'how', 'in', 'into', 'is', 'it', 'more', 'my', 'of',
  'on', 'or', 'our', 'the', 'to', 'with',
]);

/** Lower-cased key for names compared as wholes (skills, departments, locations). */
export function normaliseKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Language tag reduced to its primary subtag, so "en-GB" and "en" are one language. */
export function normaliseLanguage(tag: string): string {
  return normaliseKey(tag).split(/[-_]/)[0] ?? '';
}

/** Folds a plain English plural onto its singular ("leaders" -> "leader"), leaving "process", "analysis", "focus". */
function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !/(ss|is|us)$/.test(word) ? word.slice(0, -1) : word;
}

/** Distinct content words of free-text phrases (goals, interests), for overlap scoring and indexing. */
export function contentWords(phrases: readonly string[]): string[] {
  const words = new Set<string>();
  for (const phrase of phrases) {
    for (const word of phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2 && !STOP_WORDS.has(word)) words.add(singular(word));
    }
  }
  return [...words];
}
