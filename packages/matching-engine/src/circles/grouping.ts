import type { GroupPlan } from './group-plan';

/** Who is in which circle, with O(1) membership updates. Members of group g are `members[g*capacity ..]`. */
export class Grouping {
  readonly groupOf: Int32Array;
  readonly size: Int32Array;
  readonly members: Int32Array;
  readonly capacity: number;
  private readonly slot: Int32Array;

  constructor(n: number, plan: GroupPlan) {
    this.groupOf = new Int32Array(n).fill(-1);
    this.size = new Int32Array(plan.groupCount);
    this.capacity = plan.maxSize;
    this.members = new Int32Array(plan.groupCount * plan.maxSize);
    this.slot = new Int32Array(n);
  }

  add(person: number, group: number): void {
    const index = this.size[group]++;
    this.members[group * this.capacity + index] = person;
    this.slot[person] = index;
    this.groupOf[person] = group;
  }

  remove(person: number): void {
    const group = this.groupOf[person];
    const base = group * this.capacity;
    const last = this.members[base + --this.size[group]];
    this.members[base + this.slot[person]] = last;
    this.slot[last] = this.slot[person];
    this.groupOf[person] = -1;
  }

  /** Members as sorted lists, groups ordered by their smallest member. */
  toLists(): number[][] {
    const lists: number[][] = [];
    for (let g = 0; g < this.size.length; g++) {
      const base = g * this.capacity;
      lists.push(Array.from(this.members.subarray(base, base + this.size[g])).sort((a, b) => a - b));
    }
    return lists.sort((a, b) => a[0] - b[0]);
  }
}
