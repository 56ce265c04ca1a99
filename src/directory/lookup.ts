/** Which directory entries apply to a school: its own plans plus its board's, with the plans' exceptions applied. */
import type { DirectoryData, DirectoryEntry, DirectoryPlan, Holder, Role, RoleException } from './schema';
import type { SchoolsFile } from './load';

/** One role entry as it applies to one school. */
export interface SchoolRole {
  role: Role;
  entry: DirectoryEntry;
  plan: DirectoryPlan;
  /** Holders after the plan's exceptions for this school. */
  holders: Holder[];
  /** True when the entry comes from a board-wide plan rather than a plan written for this school. */
  inherited: boolean;
  /** The plan's exception that changed this entry for this school, if any. */
  exception: RoleException | null;
}

export function planAppliesTo(plan: DirectoryPlan, schoolId: string, boardId: string): boolean {
  return plan.scope.level === 'board' ? plan.scope.board === boardId : plan.scope.schools.includes(schoolId);
}

/**
 * Entries for a school: school-scoped plans first, then board-wide plans of its board.
 * Never another school's or another board's entries. Unknown school → empty list.
 */
export function rolesForSchool(data: DirectoryData, schools: SchoolsFile, schoolId: string): SchoolRole[] {
  const school = schools.schools.find((s) => s.id === schoolId);
  if (!school) return [];
  const rolesById = new Map(data.roles.map((r) => [r.id, r]));
  const result: SchoolRole[] = [];
  const plans = data.plans
    .filter((p) => planAppliesTo(p, school.id, school.board))
    .sort((a, b) => (a.scope.level === b.scope.level ? 0 : a.scope.level === 'school' ? -1 : 1));
  for (const plan of plans) {
    for (const entry of plan.entries) {
      const role = rolesById.get(entry.role);
      if (!role) continue; // the schema rejects unknown roles; kept for type narrowing
      const exception = entry.exceptions.find((e) => e.school === school.id) ?? null;
      if (exception?.excludeEntry) continue;
      const excluded = new Set(exception?.excludeHolders ?? []);
      const holders = entry.holders.filter((h) => !excluded.has(h.name));
      result.push({ role, entry, plan, holders, inherited: plan.scope.level === 'board', exception });
    }
  }
  return result;
}
