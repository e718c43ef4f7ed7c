/** One problem found in caller input; `path` points at the offending field (e.g. `participants[3].timeZone`). */
export interface InputIssue {
  path: string;
  message: string;
}

/** Thrown when settings or participants are invalid; carries every issue found, not only the first. */
export class MatchingInputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(`invalid matching input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'MatchingInputError';
    this.issues = issues;
  }
}

/** Collects issues while a whole input is checked, then throws them together. */
export class IssueCollector {
  private readonly found: InputIssue[] = [];

  add(path: string, message: string): void {
    this.found.push({ path, message });
  }

  get list(): readonly InputIssue[] {
    return this.found;
  }

  get count(): number {
    return this.found.length;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new MatchingInputError(this.found);
  }
}
