import { type Csr, type LevelledCsr, MENTEE, MENTOR, type Pool, PROFILE, PROFILE_INTS } from './pool';
import { type PairScorer, rowLength, skillCoverage } from './pair';
import { BoundedHeaps } from './top-k';

export type CandidateStrategy = 'auto' | 'exhaustive' | 'indexed';

/** Below this many participants every pair is scored; above it the inverted index collects candidates. */
export const EXHAUSTIVE_LIMIT = 2_000;
export const DEFAULT_CANDIDATES_PER_PERSON = 20;
/** The index shortlists this many times a person's list length for full scoring. */
const SHORTLIST_FACTOR = 2;
/** Posting entries read per person, as a multiple of the list length: memory and time stay O(n * k). */
const READ_FACTOR = 32;

export interface CandidateOptions {
  /** Candidates kept per person. Default 20. */
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
  const k = options.k ?? DEFAULT_CANDIDATES_PER_PERSON;
  const limits = new Int32Array(pool.size).fill(Math.max(0, Math.min(pool.size - 1, k)));
  const heaps = new BoundedHeaps(limits);
  const strategy = options.strategy ?? 'auto';
  const useIndex = strategy === 'indexed' || (strategy === 'auto' && pool.size >= EXHAUSTIVE_LIMIT);
  const evaluated = useIndex ? new IndexedSearch(scorer, heaps, limits, options.seed ?? 0).run() : fillExhaustively(scorer, heaps);
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
  goalHolders: LevelledCsr;
  interestHolders: LevelledCsr;
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

/** Which accumulator a posting scan adds to. */
const FORWARD = 0; // p seeks, the candidate offers
const BACKWARD = 1; // the candidate seeks, p offers
const GOALS = 2;
const INTERESTS = 3;
/** Scratch row per person: the stamp (last person who touched it) then the four tallies, 32 bytes. */
const ROW = 8;
const TALLY = 1;

/**
 * Index path, time and memory O(n * k): per person, gather people sharing a sought/offered skill, goal or
 * interest word within a read budget (common keys are sampled from a seeded offset, so popular keys do not send
 * everyone to the same few people), top up from shared-language buckets, rank by a cheap estimate, and fully
 * score only a shortlist.
 */
class IndexedSearch {
  private readonly pool: Pool;
  private readonly mode: 'mentoring' | 'peer';
  /** Where mentees (and peers) look for partners, and where mentors look; one shared index for peers. */
  private readonly forMentees: GroupIndex;
  private readonly forMentors: GroupIndex;
  /** Int32 view of the scratch rows (the stamp slot). */
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  /**
   * Float32 view of the same rows: FORWARD, BACKWARD, GOALS, INTERESTS from slot TALLY. Stamp and tallies share a
   * cache line; float32 holds the tallies exactly (sums of quarter steps and small counts).
   */
  private readonly tallies: Float32Array;
  private readonly shortlist: BoundedHeaps;
  /** The keys to scan for the current person (parallel arrays, reused). */
  private readonly planKeys: number[] = [];
  private readonly planTallies: number[] = [];
  private readonly planLevels: number[] = [];
  private readonly planLengths: number[] = [];
  private readonly planOrder: number[] = [];
  private count = 0;
  private person = 0;
  evaluated = 0;

  constructor(
    private readonly scorer: PairScorer,
    private readonly heaps: BoundedHeaps,
    private readonly limits: Int32Array,
    private readonly seed: number,
  ) {
    const pool = scorer.pool;
    this.pool = pool;
    this.mode = scorer.scoring.mode;
    if (this.mode === 'mentoring') {
      this.forMentees = buildGroupIndex(pool, membersWhere(pool, (p) => pool.role[p] === MENTOR));
      this.forMentors = buildGroupIndex(pool, membersWhere(pool, (p) => pool.role[p] === MENTEE));
    } else {
      this.forMentees = buildGroupIndex(pool, membersWhere(pool, () => true));
      this.forMentors = this.forMentees;
    }
    const n = pool.size;
    const rows = new ArrayBuffer(n * ROW * 4);
    this.stamp = new Int32Array(rows);
    this.tallies = new Float32Array(rows);
    for (let c = 0; c < n; c++) this.stamp[c * ROW] = -1;
    this.touched = new Int32Array(n);
    let longest = 0;
    for (const limit of limits) longest = Math.max(longest, SHORTLIST_FACTOR * limit);
    this.shortlist = new BoundedHeaps(Int32Array.of(longest));
  }

  run(): number {
    for (let p = 0; p < this.pool.size; p++) this.searchFor(p);
    return this.evaluated;
  }

  private touch(c: number): void {
    const row = c * ROW;
    if (this.stamp[row] === this.person || c === this.person) return;
    this.stamp[row] = this.person;
    this.touched[this.count++] = c;
    const at = row + TALLY;
    this.tallies[at] = 0;
    this.tallies[at + 1] = 0;
    this.tallies[at + 2] = 0;
    this.tallies[at + 3] = 0;
  }

  /** Reads `reads` entries of posting list `key`, from a seeded offset, adding each to the `tally` accumulator. */
  private scan(list: LevelledCsr, key: number, reads: number, tally: number, level: number): void {
    const from = list.offsets[key] ?? 0;
    const length = (list.offsets[key + 1] ?? 0) - from;
    const start = reads < length ? mixHash(this.person, key, this.seed) % length : 0;
    for (let t = 0; t < reads; t++) {
      let at = start + t;
      if (at >= length) at -= length;
      at += from;
      const c = list.items[at] ?? 0;
      this.touch(c);
      const gain = tally === FORWARD ? skillCoverage(level, list.levels[at] ?? 0) : tally === BACKWARD ? skillCoverage(list.levels[at] ?? 0, level) : 1;
      const slot = c * ROW + TALLY + tally;
      this.tallies[slot] = (this.tallies[slot] ?? 0) + gain;
    }
  }

  /** Queues a scan of the postings of every key in person `p`'s row (with p's level for that key, if any). */
  private planRow(rows: Csr, levels: Uint8Array | undefined, p: number, postings: LevelledCsr, tally: number): void {
    for (let i = rows.offsets[p] ?? 0; i < (rows.offsets[p + 1] ?? 0); i++) {
      const key = rows.items[i] ?? 0;
      this.planKeys.push(key);
      this.planTallies.push(tally);
      this.planLevels.push(levels?.[i] ?? 0);
      this.planLengths.push(rowLength(postings, key));
    }
  }

  /**
   * Spends the read budget over the planned keys, rarest first: short posting lists are read whole, and what is
   * left is shared evenly among the common keys, each read from a seeded offset.
   */
  private runPlan(budget: number, index: GroupIndex): void {
    const lengths = this.planLengths;
    const order = this.planOrder;
    const planned = lengths.length;
    // insertion sort by posting length (then plan order): plans are a handful of keys
    for (let i = 0; i < planned; i++) {
      let at = i;
      while (at > 0 && (lengths[order[at - 1] ?? 0] ?? 0) > (lengths[i] ?? 0)) {
        order[at] = order[at - 1] ?? 0;
        at--;
      }
      order[at] = i;
    }
    let left = budget;
    for (let done = 0; done < planned; done++) {
      const i = order[done] ?? 0;
      const tally = this.planTallies[i] ?? 0;
      const postings = tally === FORWARD ? index.offeredBy : tally === BACKWARD ? index.soughtBy : tally === GOALS ? index.goalHolders : index.interestHolders;
      const reads = Math.min(lengths[i] ?? 0, Math.ceil(left / (planned - done)));
      this.scan(postings, this.planKeys[i] ?? 0, reads, tally, this.planLevels[i] ?? 0);
      left -= reads;
    }
    this.planKeys.length = 0;
    this.planTallies.length = 0;
    this.planLevels.length = 0;
    this.planLengths.length = 0;
  }

  private searchFor(p: number): void {
    const pool = this.pool;
    const limit = this.limits[p] ?? 0;
    if (limit === 0) return;
    const wanted = SHORTLIST_FACTOR * limit;
    this.person = p;
    this.count = 0;
    const isMentor = pool.role[p] === MENTOR;
    const index = isMentor ? this.forMentors : this.forMentees;
    if (this.mode === 'peer' || !isMentor) this.planRow(pool.sought, pool.sought.levels, p, index.offeredBy, FORWARD);
    if (this.mode === 'peer' || isMentor) this.planRow(pool.offered, pool.offered.levels, p, index.soughtBy, BACKWARD);
    this.planRow(pool.goals, undefined, p, index.goalHolders, GOALS);
    this.planRow(pool.interests, undefined, p, index.interestHolders, INTERESTS);
    this.runPlan(READ_FACTOR * (limit + 1), index);
    for (let i = pool.prefer.offsets[p] ?? 0; i < (pool.prefer.offsets[p + 1] ?? 0); i++) {
      const c = pool.prefer.items[i] ?? 0;
      if (mayPair(pool, this.mode, p, c)) this.touch(c);
    }
    // People sharing nothing indexed may still be the best feasible partners there are: top up by language.
    for (let i = pool.languages.offsets[p] ?? 0; i < (pool.languages.offsets[p + 1] ?? 0) && this.count < wanted; i++) {
      const language = pool.languages.items[i] ?? 0;
      const from = index.speakers.offsets[language] ?? 0;
      const length = (index.speakers.offsets[language + 1] ?? 0) - from;
      const start = length > 0 ? mixHash(p, -1 - language, this.seed) % length : 0;
      for (let t = 0; t < length && this.count < wanted; t++) this.touch(index.speakers.items[from + ((start + t) % length)] ?? 0);
    }

    if (this.count <= wanted) {
      for (let t = 0; t < this.count; t++) this.score(p, this.touched[t] ?? 0);
      return;
    }
    const shortlist = this.shortlist;
    shortlist.reset(0, wanted);
    for (let t = 0; t < this.count; t++) {
      const c = this.touched[t] ?? 0;
      const estimate = this.estimate(p, c, isMentor);
      if (estimate >= 0) shortlist.offer(0, c, estimate, mixHash(p, c, this.seed));
    }
    for (let slot = 0; slot < (shortlist.sizes[0] ?? 0); slot++) this.score(p, shortlist.partners[slot] ?? 0);
  }

  private estimate(p: number, c: number, isMentor: boolean): number {
    const profile = this.pool.profile;
    const tallies = this.tallies;
    const soughtByP = profile[p * PROFILE_INTS + PROFILE.soughtSkills] ?? 0;
    const soughtByC = profile[c * PROFILE_INTS + PROFILE.soughtSkills] ?? 0;
    const at = c * ROW + TALLY;
    const met = soughtByP === 0 ? 0 : (tallies[at + FORWARD] ?? 0) / soughtByP;
    const given = soughtByC === 0 ? 0 : (tallies[at + BACKWARD] ?? 0) / soughtByC;
    const skills = this.mode === 'peer' ? (met + given) / 2 : isMentor ? given : met;
    return this.scorer.estimate(p, c, skills, tallies[at + GOALS] ?? 0, tallies[at + INTERESTS] ?? 0);
  }

  private score(p: number, c: number): void {
    this.evaluated++;
    const value = this.scorer.evaluate(p, c, true);
    if (value >= 0) this.heaps.offer(p, c, value, c);
  }
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
