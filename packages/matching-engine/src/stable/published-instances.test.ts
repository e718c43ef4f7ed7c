import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hospitalsResidents, isStableHR, isStableRoommates, stableRoommates } from '.';

// Published examples with their stable matchings, read from the shared data folder beside the repo.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dataDir = process.env.TANDEM_MATCHING_DATA ?? resolve(repoRoot, '../shared/data/matching');
const instancesFile = join(dataDir, 'stable', 'small_instances.json');
const present = existsSync(instancesFile);
if (!present) console.log(`skipping published stable instances: ${instancesFile} not found (set TANDEM_MATCHING_DATA)`);

type NamedPrefs = Record<string, string[]>;
type NamedMatching = Record<string, string>;

interface PublishedInstances {
  stable_marriage: {
    name: string;
    suitor_prefs: NamedPrefs;
    reviewer_prefs: NamedPrefs;
    expected_suitor_optimal: NamedMatching;
    all_stable_matchings_bruteforce: NamedMatching[];
  }[];
  stable_roommates: { name: string; prefs: NamedPrefs; all_stable_matchings_bruteforce: NamedMatching[] }[];
  hospital_resident: {
    name: string;
    resident_prefs: NamedPrefs;
    hospital_prefs: NamedPrefs;
    capacities: Record<string, number>;
    expected_resident_optimal: Record<string, string[]>;
  }[];
}

/** Names → 0-based ids in the order the JSON object lists them. */
function idsOf(prefs: NamedPrefs): Map<string, number> {
  return new Map(Object.keys(prefs).map((name, id) => [name, id]));
}

function toIdPrefs(prefs: NamedPrefs, targetIds: Map<string, number>): number[][] {
  return Object.values(prefs).map((list) => list.map((name) => targetIds.get(name) ?? -1));
}

/** A named matching (each key → partner name) as an id array over `owners`. */
function toIdMatching(matching: NamedMatching, owners: Map<string, number>, partners: Map<string, number>): number[] {
  const result = new Array<number>(owners.size).fill(-1);
  for (const [owner, partner] of Object.entries(matching)) result[owners.get(owner) ?? -1] = partners.get(partner) ?? -1;
  return result;
}

describe.skipIf(!present)('published stable-matching instances', () => {
  const data = present ? (JSON.parse(readFileSync(instancesFile, 'utf8')) as PublishedInstances) : undefined;

  it('stable marriage: suitor-optimal, stable, and among the enumerated stable matchings', () => {
    for (const inst of data?.stable_marriage ?? []) {
      const suitors = idsOf(inst.suitor_prefs);
      const reviewers = idsOf(inst.reviewer_prefs);
      const input = {
        residentPrefs: toIdPrefs(inst.suitor_prefs, reviewers),
        hospitalPrefs: toIdPrefs(inst.reviewer_prefs, suitors),
        capacities: new Array<number>(reviewers.size).fill(1),
      };
      const { residentToHospital } = hospitalsResidents(input);
      expect(isStableHR(input, residentToHospital), inst.name).toBe(true);
      const all = inst.all_stable_matchings_bruteforce.map((m) => toIdMatching(m, suitors, reviewers));
      expect(all, inst.name).toContainEqual(Array.from(residentToHospital));
      expect(Array.from(residentToHospital), inst.name).toEqual(toIdMatching(inst.expected_suitor_optimal, suitors, reviewers));
    }
  });

  it('stable roommates: stable and listed, or none exactly when none is listed', () => {
    for (const inst of data?.stable_roommates ?? []) {
      const people = idsOf(inst.prefs);
      const prefs = toIdPrefs(inst.prefs, people);
      const result = stableRoommates(prefs);
      expect(result.stable, inst.name).toBe(inst.all_stable_matchings_bruteforce.length > 0);
      if (!result.stable) continue;
      expect(isStableRoommates(prefs, result.mate), inst.name).toBe(true);
      const all = inst.all_stable_matchings_bruteforce.map((m) => toIdMatching(m, people, people));
      expect(all, inst.name).toContainEqual(Array.from(result.mate));
    }
  });

  it('hospitals/residents: stable and equal to the published resident-optimal matching', () => {
    for (const inst of data?.hospital_resident ?? []) {
      const residents = idsOf(inst.resident_prefs);
      const hospitals = idsOf(inst.hospital_prefs);
      const input = {
        residentPrefs: toIdPrefs(inst.resident_prefs, hospitals),
        hospitalPrefs: toIdPrefs(inst.hospital_prefs, residents),
        capacities: [...hospitals.keys()].map((name) => inst.capacities[name]),
      };
      const { residentToHospital } = hospitalsResidents(input);
      expect(isStableHR(input, residentToHospital), inst.name).toBe(true);
      const expected = new Array<number>(residents.size).fill(-1);
      for (const [hospital, members] of Object.entries(inst.expected_resident_optimal)) {
        for (const resident of members) expected[residents.get(resident) ?? -1] = hospitals.get(hospital) ?? -1;
      }
      expect(Array.from(residentToHospital), inst.name).toEqual(expected);
    }
  });
});
