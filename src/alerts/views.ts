import { authorize, type AccessContext, type PolicyPerson } from '../access/policy';
import type { Role } from '../people/schema';
import type { AlertRecord, Report } from '../reports/types';
import { assignees } from './handling';
import type { Holder } from '.';

/**
 * What one copy of the alert card shows, as data: the report's id, school, kind, urgency and time (never its
 * content), the state of the case (picked up, assigned, escalated, closed), and the buttons the viewer's rights
 * allow. Each recipient's copy is computed for her: the same report, her own buttons.
 */
export interface AlertCardView {
  report: Report;
  /** The role she is alerted as (her alert record), or the role of the person not reached (channel copy). */
  role: Role;
  urgency: AlertRecord['urgency'];
  can: { acknowledge: boolean; changeStatus: boolean; assign: boolean; addNote: boolean };
  assignees: { key: string; name: string; role: Role }[];
}

export interface AlertViewDeps {
  access: AccessContext;
  holdersOf(role: Role, school: string): Holder[];
}

/** The card for `viewer` (undefined: a copy for a channel, where every button is checked again on use). */
export function alertCardView(report: Report, viewer: PolicyPerson | undefined, record: Pick<AlertRecord, 'role' | 'urgency'>, deps: AlertViewDeps): AlertCardView {
  const may = (action: Parameters<typeof authorize>[1]): boolean => (viewer ? authorize(viewer, action, report, deps.access) : true);
  const open = report.status !== 'afgerond';
  return {
    report,
    role: record.role,
    urgency: record.urgency,
    can: {
      acknowledge: open && !report.acknowledged && may('acknowledge'),
      changeStatus: may('changeStatus'),
      assign: open && may('assign'),
      addNote: may('addInfo'),
    },
    assignees: open && may('assign') ? assignees(report, deps).filter((p) => p.key !== viewer?.key) : [],
  };
}
