import { type Csr, type LevelledCsr, MENTEE, MENTOR, type Pool } from './pool';
import { type PairScorer, rowLength, skillCoverage } from './pair';
import { BoundedHeaps } from './top-k';

export type CandidateStrategy = 'auto' | 'exhaustive' | 'indexed';

/** Below this many participants every pair is scored; above it the inverted index collects candidates. */
export const EXHAUSTIVE_LIMIT = 2_000;
export const DEFAULT_CANDIDATES_PER_PERSON = 20;
/** The index shortlists this many times a person's list length before full scoring. */
const SHORTLIST_FACTOR = 4;
/** Longest stretch of one posting list read per person, as a multiple of the list length (floor 256). */
const POSTING_WINDOW_FACTOR = 16;

export interface CandidateOptions {
  /** Candidates kept per person (mentors keep k per unit of capacity). Default 20. */
  k?: number;
  strategy?: CandidateStrategy;
  /** Varies which part of an over-long posting list is read, and the order of equal shortlist estimates. */
  seed?: number;
}

/** Rows of (partner, score) per person, best first (higher score, then lower index = lower id). */
export interface CandidateGraph {
  offsets: Int32Array;
  partners: Int32Array;
  scores: Float64Array;
}

/** Each person's best feasible partners. */
export interface CandidateLists extends CandidateGraph {
  /** Pairs fully scored to build the lists. */
  evaluated: number;
  strategy: 'exhaustive' | 'indexed';
}

/** How many candidates person `p` keeps. */
export function listLimit(pool: Pool, mode: 'mentoring' | 'peer', k: number, p: number): number {
  const capacity = mode === 'mentoring' && pool.role[p] === MENTOR ? Math.max(1, pool.capacity[p] ?? 1) : 1;
  return Math.max(0, Math.min(pool.size - 1, k * capacity));
}

/** Whether two people may be partners at all in this format: mentor with mentee, or any two peers. */
function mayPair(pool: Pool, mode: 'mentoring' | 'peer', a: number, b: number): boolean {
  if (a === b) return false;
  return mode === 'peer' || (pool.role[a] ?? 0) + (pool.role[b] ?? 0) === MENTOR + MENTEE;
}

/** Deterministic 32-bit mix of two indices and a seed (order-dependent). */
export function mixHash(a: number, b: number, seed: number): number {
  let h = Math.imul(a ^ seed, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Top-k candidate lists for every person of the scorer's pool. */
export function generateCandidates(scorer: PairScorer, options: CandidateOptions = {}): CandidateLists {
  const pool = scorer.pool;
  const mode = scorer.scoring.mode;
  const k = options.k ?? DEFAULT_CANDIDATES_PER_PERSON;
  const limits = new Int32Array(pool.size);
  for (let p = 0; p < pool.size; p++) limits[p] = listLimit(pool, mode, k, p);
  const heaps = new BoundedHeaps(limits);
  const strategy = options.strategy ?? 'auto';
  const useIndex = strategy === 'indexed' || (strategy === 'auto' && pool.size >= EXHAUSTIVE_LIMIT);
  const evaluated = useIndex ? fillFromIndex(scorer, heaps, limits, options.seed ?? 0) : fillExhaustively(scorer, heaps);
  return collect(heaps, pool.size, evaluated, useIndex ? 'indexed' : 'exhaustive');
}

function fillExhaustively(scorer: PairScorer, heaps: BoundedHeaps): number {
  const pool = scorer.pool;
  const mode = scorer.scoring.mode;
  let evaluated = 0;
  for (let a = 0; a < pool.size; a++) {
    for (let b = a + 1; b < pool.size; b++) {
      if (!mayPair(pool, mode, a, b)) continue;
      evaluated++;
      const score = scorer.evaluate(a, b, true);
      if (score < 0) continue;
      heaps.offer(a, b, score, b);
      heaps.offer(b, a, score, a);
    }
  }
  return evaluated;
}

/** Inverted index over one group of people: who offers / seeks each skill, holds each word, speaks each language. */
interface GroupIndex {
  offeredBy: LevelledCsr;
  soughtBy: LevelledCsr;
  goalHolders: Csr;
  interestHolders: Csr;
  speakers: Csr;
}

/** Transposes person rows (person -> keys) into postings (key -> persons) for `members`, in ascending order. */
function postings(rows: Csr, levels: Uint8Array | undefined, members: Int32Array, keyCount: number): LevelledCsr {
  const offsets = new Int32Array(keyCount + 1);
  for (const p of members) {
    for (let i = rows.offsets[p] ?? 0; i < (rows.offsets[p + 1] ?? 0); i++) offsets[(rows.items[i] ?? 0) + 1]++;
  }
  for (let key = 0; key < keyCount; key++) offsets[key + 1] = (offsets[key + 1] ?? 0) + (offsets[key] ?? 0);
  const fill = offsets.slice(0, keyCount);
  const items = new Int32Array(offsets[keyCount] ?? 0);
  const entryLevels = new Uint8Array(items.length);
  for (const p of members) {
    for (let i = rows.offsets[p] ?? 0; i < (rows.offsets[p + 1] ?? 0); i++) {
      const key = rows.items[i] ?? 0;
      const at = fill[key] ?? 0;
      items[at] = p;
      entryLevels[at] = levels?.[i] ?? 0;
      fill[key] = at + 1;
    }
  }
  return { offsets, items, levels: entryLevels };
}

function buildGroupIndex(pool: Pool, members: Int32Array): GroupIndex {
  return {
    offeredBy: postings(pool.offered, pool.offered.levels, members, pool.skillCount),
    soughtBy: postings(pool.sought, pool.sought.levels, members, pool.skillCount),
    goalHolders: postings(pool.goals, undefined, members, pool.wordCount),
    interestHolders: postings(pool.interests, undefined, members, pool.wordCount),
    speakers: postings(pool.languages, undefined, members, pool.languageCount),
  };
}

function membersWhere(pool: Pool, keep: (p: number) => boolean): Int32Array {
  const members: number[] = [];
  for (let p = 0; p < pool.size; p++) if (keep(p)) members.push(p);
  return Int32Array.from(members);
}

/**
 * Index path, memory O(n * k): per person, gather people sharing a sought/offered skill, goal or interest word
 * (reading at most a window of each long posting list, from a seeded offset so popular keys do not send everyone
 * to the same few people), top up from shared-language buckets, rank by a cheap estimate, and fully score only a
 * shortlist.
 */
function fillFromIndex(scorer: PairScorer, heaps: BoundedHeaps, limits: Int32Array, seed: number): number {
  const pool = scorer.pool;
  const mode = scorer.scoring.mode;
  const everyone = buildGroupIndex(pool, membersWhere(pool, () => true));
  const mentors = mode === 'mentoring' ? buildGroupIndex(pool, membersWhere(pool, (p) => pool.role[p] === MENTOR)) : everyone;
  const mentees = mode === 'mentoring' ? buildGroupIndex(pool, membersWhere(pool, (p) => pool.role[p] === MENTEE)) : everyone;
  const n = pool.size;
  const stamp = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const forward = new Float64Array(n);
  const backward = new Float64Array(n);
  const sharedGoals = new Int32Array(n);
  const sharedInterests = new Int32Array(n);
  let maxShortlist = 0;
  for (const limit of limits) maxShortlist = Math.max(maxShortlist, SHORTLIST_FACTOR * limit);
  const shortlist = new BoundedHeaps(Int32Array.of(maxShortlist));
  let evaluated = 0;

  for (let p = 0; p < n; p++) {
    const limit = limits[p] ?? 0;
    if (limit === 0) continue;
    const wanted = SHORTLIST_FACTOR * limit;
    const window = Math.max(256, POSTING_WINDOW_FACTOR * limit);
    const isMentor = pool.role[p] === MENTOR;
    const index = mode === 'peer' ? everyone : isMentor ? mentees : mentors;
    const seeks = mode === 'peer' || !isMentor;
    const offers = mode === 'peer' || isMentor;
    let count = 0;
    const touch = (c: number): void => {
      if (stamp[c] === p || c === p) return;
      stamp[c] = p;
      touched[count++] = c;
      forward[c] = 0;
      backward[c] = 0;
      sharedGoals[c] = 0;
      sharedInterests[c] = 0;
    };
    const visit = (list: Csr, key: number, each: (c: number, at: number) => void): void => {
      const from = list.offsets[key] ?? 0;
      const length = (list.offsets[key + 1] ?? 0) - from;
      const reads = Math.min(length, window);
      const start = length > window ? mixHash(p, key, seed) % length : 0;
      for (let t = 0; t < reads; t++) {
        const at = from + ((start + t) % length);
        each(list.items[at] ?? 0, at);
      }
    };

    if (seeks) {
      for (let i = pool.sought.offsets[p] ?? 0; i < (pool.sought.offsets[p + 1] ?? 0); i++) {
        const level = pool.sought.levels[i] ?? 0;
        visit(index.offeredBy, pool.sought.items[i] ?? 0, (c, at) => {
          touch(c);
          forward[c] = (forward[c] ?? 0) + skillCoverage(level, index.offeredBy.levels[at] ?? 0);
        });
      }
    }
    if (offers) {
      for (let i = pool.offered.offsets[p] ?? 0; i < (pool.offered.offsets[p + 1] ?? 0); i++) {
        const level = pool.offered.levels[i] ?? 0;
        visit(index.soughtBy, pool.offered.items[i] ?? 0, (c, at) => {
          touch(c);
          backward[c] = (backward[c] ?? 0) + skillCoverage(index.soughtBy.levels[at] ?? 0, level);
        });
      }
    }
    for (let i = pool.goals.offsets[p] ?? 0; i < (pool.goals.offsets[p + 1] ?? 0); i++) {
      visit(index.goalHolders, pool.goals.items[i] ?? 0, (c) => {
        touch(c);
        sharedGoals[c] = (sharedGoals[c] ?? 0) + 1;
      });
    }
    for (let i = pool.interests.offsets[p] ?? 0; i < (pool.interests.offsets[p + 1] ?? 0); i++) {
      visit(index.interestHolders, pool.interests.items[i] ?? 0, (c) => {
        touch(c);
        sharedInterests[c] = (sharedInterests[c] ?? 0) + 1;
      });
    }
    for (let i = pool.prefer.offsets[p] ?? 0; i < (pool.prefer.offsets[p + 1] ?? 0); i++) {
      const c = pool.prefer.items[i] ?? 0;
      if (mayPair(pool, mode, p, c)) touch(c);
    }
    // People sharing nothing indexed may still be the best feasible partners available: top up by language.
    for (let i = pool.languages.offsets[p] ?? 0; i < (pool.languages.offsets[p + 1] ?? 0) && count < wanted; i++) {
      const language = pool.languages.items[i] ?? 0;
      const from = index.speakers.offsets[language] ?? 0;
      const length = (index.speakers.offsets[language + 1] ?? 0) - from;
      const start = length > 0 ? mixHash(p, -1 - language, seed) % length : 0;
      for (let t = 0; t < length && count < wanted; t++) touch(index.speakers.items[from + ((start + t) % length)] ?? 0);
    }

    const soughtByP = rowLength(pool.sought, p);
    const estimateOf = (c: number): number => {
      const soughtByC = rowLength(pool.sought, c);
      const met = soughtByP === 0 ? 0 : (forward[c] ?? 0) / soughtByP;
      const given = soughtByC === 0 ? 0 : (backward[c] ?? 0) / soughtByC;
      const skills = mode === 'peer' ? (met + given) / 2 : isMentor ? given : met;
      return scorer.estimate(p, c, skills, sharedGoals[c] ?? 0, sharedInterests[c] ?? 0);
    };
    const score = (c: number): void => {
      evaluated++;
      const value = scorer.evaluate(p, c, true);
      if (value >= 0) heaps.offer(p, c, value, c);
    };
    if (count <= wanted) {
      for (let t = 0; t < count; t++) score(touched[t] ?? 0);
    } else {
      shortlist.reset(0, wanted);
      for (let t = 0; t < count; t++) {
        const c = touched[t] ?? 0;
        shortlist.offer(0, c, estimateOf(c), mixHash(p, c, seed));
      }
      for (let slot = 0; slot < (shortlist.sizes[0] ?? 0); slot++) score(shortlist.partners[slot] ?? 0);
    }
  }
  return evaluated;
}

function collect(heaps: BoundedHeaps, n: number, evaluated: number, strategy: 'exhaustive' | 'indexed'): CandidateLists {
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) offsets[p + 1] = (offsets[p] ?? 0) + (heaps.sizes[p] ?? 0);
  const partners = new Int32Array(offsets[n] ?? 0);
  const scores = new Float64Array(partners.length);
  for (let p = 0; p < n; p++) {
    let at = offsets[p] ?? 0;
    for (const slot of heaps.sortedSlots(p)) {
      partners[at] = heaps.partners[slot] ?? 0;
      scores[at] = heaps.scores[slot] ?? 0;
      at++;
    }
  }
  return { offsets, partners, scores, evaluated, strategy };
}

/** Undirected candidate edges, each once with from < to: the union of everyone's lists. */
export interface CandidateEdges {
  from: Int32Array;
  to: Int32Array;
  scores: Float64Array;
}

export function candidateEdges(lists: CandidateLists): CandidateEdges {
  const n = lists.offsets.length - 1;
  const sortedPartners = lists.partners.slice();
  for (let p = 0; p < n; p++) sortedPartners.subarray(lists.offsets[p] ?? 0, lists.offsets[p + 1] ?? 0).sort();
  const listed = (p: number, q: number): boolean => {
    let low = lists.offsets[p] ?? 0;
    let high = (lists.offsets[p + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = sortedPartners[middle] ?? 0;
      if (found === q) return true;
      if (found < q) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  };
  const from: number[] = [];
  const to: number[] = [];
  const scores: number[] = [];
  for (let p = 0; p < n; p++) {
    for (let i = lists.offsets[p] ?? 0; i < (lists.offsets[p + 1] ?? 0); i++) {
      const q = lists.partners[i] ?? 0;
      // an edge listed by both ends is emitted by its lower end only
      if (q < p && listed(q, p)) continue;
      from.push(Math.min(p, q));
      to.push(Math.max(p, q));
      scores.push(lists.scores[i] ?? 0);
    }
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), scores: Float64Array.from(scores) };
}

/** Both directions of every candidate edge, each row best first: the preference lists of the stable objectives. */
export function candidateAdjacency(n: number, edges: CandidateEdges): CandidateGraph {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < edges.from.length; e++) {
    offsets[(edges.from[e] ?? 0) + 1]++;
    offsets[(edges.to[e] ?? 0) + 1]++;
  }
  for (let p = 0; p < n; p++) offsets[p + 1] = (offsets[p + 1] ?? 0) + (offsets[p] ?? 0);
  const fill = offsets.slice(0, n);
  const partners = new Int32Array(offsets[n] ?? 0);
  const scores = new Float64Array(partners.length);
  const place = (p: number, q: number, score: number): void => {
    const at = fill[p] ?? 0;
    partners[at] = q;
    scores[at] = score;
    fill[p] = at + 1;
  };
  for (let e = 0; e < edges.from.length; e++) {
    place(edges.from[e] ?? 0, edges.to[e] ?? 0, edges.scores[e] ?? 0);
    place(edges.to[e] ?? 0, edges.from[e] ?? 0, edges.scores[e] ?? 0);
  }
  for (let p = 0; p < n; p++) {
    const from = offsets[p] ?? 0;
    const order = Array.from({ length: (offsets[p + 1] ?? 0) - from }, (_, i) => from + i);
    order.sort((x, y) => (scores[y] ?? 0) - (scores[x] ?? 0) || (partners[x] ?? 0) - (partners[y] ?? 0));
    const rowPartners = order.map((i) => partners[i] ?? 0);
    const rowScores = order.map((i) => scores[i] ?? 0);
    partners.set(rowPartners, from);
    scores.set(rowScores, from);
  }
  return { offsets, partners, scores };
}
