/** What identifies a finding: its rule and the cells of the report it names. */
export interface IdentifiedFinding {
  readonly rule: string;
  readonly cells: readonly string[];
}

/**
 * A finding's identity across the versions of one report: `rule@cell+cell…`, cells sorted.
 * The message is left out on purpose — it carries the numbers, which change as the agency
 * corrects — so an explanation or a notice's item follows the finding for as long as the same
 * rule still flags the same cells, and lets go of it once the rule stops flagging them. Two
 * findings of one rule on the same cells (none of today's rules makes them) would share a key.
 */
export function findingKey(finding: IdentifiedFinding): string {
  return `${finding.rule}@${[...finding.cells].sort().join('+')}`;
}
