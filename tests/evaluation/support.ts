import * as path from 'path';
import type { CountedReport } from '../../src/evaluation/aggregate';
import { loadReportKnowledge } from '../../src/reports/taxonomy';

export const KNOWLEDGE = path.resolve(__dirname, '..', '..', 'knowledge');
export const { tax } = loadReportKnowledge(KNOWLEDGE);

/** An incident at de-campus on a school date, with a place; what the evaluation reads of a report. */
export function incident(date: string, over: Partial<CountedReport> & { location?: string } = {}): CountedReport {
  const { location, ...rest } = over;
  return {
    school: 'de-campus',
    type: 'incident',
    category: 'pesten',
    submittedAt: '2026-03-10T09:00:00.000Z',
    fields: { date, ...(location !== undefined ? { location } : {}) },
    ...rest,
  };
}

/** `n` copies of a report. */
export const times = (n: number, report: CountedReport): CountedReport[] => Array.from({ length: n }, () => ({ ...report }));
