import type { PlanDocument, School } from './types';

/** A plan applies to a school when it is the school's own plan or a board-wide plan of the school's board. */
export function planAppliesTo(doc: PlanDocument, school: School): boolean {
  if (doc.scope.level === 'board') return doc.scope.board === school.board;
  return doc.scope.schools.includes(school.id);
}
