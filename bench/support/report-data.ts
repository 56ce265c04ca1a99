import type { NewReport, Store } from '../../src/store';

/** Report data for the benchmarks: valid, realistic size, spread over the five schools. */

const SCHOOLS = [
  { id: 'conexus', code: 'CNX' }, { id: 'de-campus', code: 'CMP' }, { id: 'de-nieuwe-kring', code: 'DNK' },
  { id: 'wij-de-venen', code: 'WDV' }, { id: 'sooog', code: 'SOG' },
];

export function benchReport(tag: string, i: number, year = 2026): NewReport {
  const school = SCHOOLS[i % SCHOOLS.length];
  const at = new Date().toISOString();
  return {
    code: school.code, year, school: school.id, schemaVersion: 1, type: 'incident', category: 'weglopen', status: 'nieuw',
    fields: { date: '2026-03-09', location: 'schoolplein', facts: `Leerling liep weg tijdens het buitenspelen (${i}). `.repeat(8), parentsInformed: 'ja' },
    reporter: { id: `user-${i % 500}`, name: `Leerkracht ${i % 500}` }, lang: 'nl', draftId: `${tag}-${i}`,
    createdAt: at, submittedAt: at, chronology: [{ at, by: { id: `user-${i % 500}` }, kind: 'created', text: '' }],
  };
}

/** `count` reports filed in waves of 2,000 concurrent creates (last year's, so they do not share today's series). */
export async function seedStore(store: Store, count: number): Promise<void> {
  for (let done = 0; done < count; done += 2000) {
    await Promise.all(Array.from({ length: Math.min(2000, count - done) }, (_, i) => store.reports.create(benchReport('seed', done + i, 2025))));
  }
}

