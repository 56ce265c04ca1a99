import { aggregate, countedDate, normaliseLocation, type CountedReport } from '../../src/evaluation/aggregate';
import { anonymise, countOf, SMALL_COUNT_THRESHOLD, type Count, type Evaluation } from '../../src/evaluation/anonymise';
import { rowOrder } from '../../src/evaluation/labels';
import { schoolYear } from '../../src/time/school-year';
import { incident, tax, times } from './support';

const Y = schoolYear(2025);
const zorg = (submittedAt: string): CountedReport => ({ school: 'de-campus', type: 'zorg-thuissituatie', submittedAt, fields: {} });

describe('aggregate: which month a report counts in', () => {
  test.each([
    // [what, report, month index or undefined (not in 2025-2026)]
    ['the incident date the reporter gave, not the submission', incident('2025-09-30', { submittedAt: '2025-10-02T08:00:00.000Z' }), 1],
    ['an incident on 31 July, submitted in August: the old year', incident('2026-07-31', { submittedAt: '2026-08-03T08:00:00.000Z' }), 11],
    ['an incident on 1 August: the new year', incident('2026-08-01'), undefined],
    ['an incident on 31 July 2025: the year before', incident('2025-07-31', { submittedAt: '2025-08-01T08:00:00.000Z' }), undefined],
    ['no date in the flow (zorg): submitted 31 July 23:30 Amsterdam', zorg('2026-07-31T21:30:00.000Z'), 11],
    ['no date: submitted 1 August 00:30 Amsterdam (31 July in UTC)', zorg('2026-07-31T22:30:00.000Z'), undefined],
    ['no date: submitted 1 August 2025 00:15 Amsterdam', zorg('2025-07-31T22:15:00.000Z'), 0],
    ['no date: 31 December 23:30 UTC is 1 January in Amsterdam (winter time)', zorg('2025-12-31T23:30:00.000Z'), 5],
    ['a date that is no calendar date falls back to the submission', incident('2026-02-30', { submittedAt: '2026-03-10T09:00:00.000Z' }), 7],
  ])('%s', (_what, report, month) => {
    const counts = aggregate([report], 'de-campus', Y);
    const found = counts.rows.flatMap((r) => r.months.map((n, i) => (n ? i : -1))).filter((i) => i >= 0);
    expect(found).toEqual(month === undefined ? [] : [month]);
  });

  test('countedDate: the given date, else the Amsterdam day of submission', () => {
    expect(countedDate({ fields: { date: '2026-01-05' }, submittedAt: '2026-02-01T00:00:00.000Z' })).toBe('2026-01-05');
    expect(countedDate({ fields: {}, submittedAt: '2026-07-31T21:30:00.000Z' })).toBe('2026-07-31');
  });

  test('only the asked school; rows per type and category; reports without a category keep their type', () => {
    const counts = aggregate(
      [
        incident('2025-09-01'),
        incident('2025-09-02', { category: 'weglopen' }),
        incident('2025-09-03', { school: 'de-nieuwe-kring' }),
        zorg('2025-10-01T10:00:00.000Z'),
        { school: 'de-campus', type: 'ongeval', submittedAt: '2025-11-01T10:00:00.000Z', fields: { date: '2025-11-01' } },
      ],
      'de-campus',
      Y,
    );
    const rows = counts.rows.map((r) => [r.type, r.category ?? '-', r.months.reduce((a, b) => a + b, 0)]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['incident', 'pesten', 1],
        ['incident', 'weglopen', 1],
        ['zorg-thuissituatie', '-', 1],
        ['ongeval', '-', 1],
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  test.each([
    ['  Schoolplein ', 'schoolplein'],
    ['SCHOOL   plein', 'school plein'],
    ['gang\tbij\ngroep 5', 'gang bij groep 5'],
    ['   ', undefined],
    [42, undefined],
  ])('normaliseLocation(%j) = %j', (text, norm) => {
    expect(normaliseLocation(text)).toBe(norm);
  });
});

/** Every sum of the table (row + its total, month + its total, totals + grand total) as counts. */
function sums(e: Evaluation): Count[][] {
  return [
    ...e.rows.map((r) => [...r.months, r.total]),
    ...e.monthTotals.map((t, m) => [...e.rows.map((r) => r.months[m]), t]),
    [...e.rows.map((r) => r.total), e.total],
    [...e.monthTotals, e.total],
  ];
}
const notShown = (c: Count): boolean => c.n === null;

describe('anonymise: small counts are marked, and cannot be computed back', () => {
  test(`the threshold is ${SMALL_COUNT_THRESHOLD}: 1–4 are small (no number kept), 0 and 5+ are shown`, () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(5);
    expect([0, 1, 4, 5, 12].map((n) => countOf(n))).toEqual([
      { n: 0, small: false, hidden: false },
      { n: null, small: true, hidden: false },
      { n: null, small: true, hidden: false },
      { n: 5, small: false, hidden: false },
      { n: 12, small: false, hidden: false },
    ]);
  });

  test('one category, one month: 3 reports → the cell and every total are "<5"', () => {
    const e = anonymise(aggregate(times(3, incident('2025-10-10')), 'de-campus', Y));
    expect(e.rows).toHaveLength(1);
    expect(e.rows[0].months[2]).toEqual({ n: null, small: true, hidden: false });
    expect(e.rows[0].total.small).toBe(true);
    expect(e.monthTotals[2].small).toBe(true);
    expect(e.total.small).toBe(true);
    expect(e.rows[0].months.filter((c) => c.n === 0)).toHaveLength(11);
  });

  test('a small cell beside shown ones: another number of its row and month is hidden ("x"), so totals do not give it away', () => {
    const reports = [
      ...times(2, incident('2025-09-10')), // pesten, September: small
      ...times(6, incident('2025-10-10')), // pesten, October
      ...times(7, incident('2025-09-11', { category: 'weglopen' })), // weglopen, September
      ...times(8, incident('2025-10-11', { category: 'weglopen' })),
    ];
    const e = anonymise(aggregate(reports, 'de-campus', Y), rowOrder(tax, 'de-campus'));
    const [pesten, weglopen] = e.rows;
    expect(pesten.category).toBe('pesten');
    expect(pesten.months[1].small).toBe(true);
    // Without the hidden one, 8 (row total) − 6 would give the 2 back.
    expect([pesten.months[2], pesten.total].some((c) => c.hidden)).toBe(true);
    expect([weglopen.months[1], e.monthTotals[1]].some((c) => c.hidden)).toBe(true);
    for (const sum of sums(e)) expect(sum.filter(notShown).length).not.toBe(1);
  });

  test.each([1, 2, 3, 4, 5])('random tables (seed %i): no sum ever has exactly one number missing, and what is shown is exact', (seed) => {
    let state = seed * 7919;
    const rand = (n: number): number => {
      state = (state * 48271) % 2147483647;
      return state % n;
    };
    const cats = ['pesten', 'agressie', 'geweld', 'weglopen', 'vernieling-diefstal'];
    const reports: CountedReport[] = [];
    for (let i = 0; i < 150; i++) {
      const m = rand(12);
      const month = [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7][m];
      const date = `${month >= 8 ? 2025 : 2026}-${String(month).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
      reports.push(incident(date, { category: cats[rand(cats.length) % (1 + rand(cats.length))] }));
    }
    const raw = aggregate(reports, 'de-campus', Y);
    const e = anonymise(raw);
    for (const sum of sums(e)) expect(sum.filter(notShown).length).not.toBe(1);
    e.rows.forEach((row) => {
      const exact = raw.rows.find((r) => r.type === row.type && r.category === row.category)!;
      row.months.forEach((c, m) => {
        if (c.n !== null) expect(c.n).toBe(exact.months[m]);
        if (c.small) expect(exact.months[m]).toBeGreaterThanOrEqual(1);
        if (c.small) expect(exact.months[m]).toBeLessThan(SMALL_COUNT_THRESHOLD);
      });
    });
  });

  test('rows follow the taxonomy: the school’s own incident categories in order, then the other types', () => {
    const reports = [
      zorg('2025-10-01T10:00:00.000Z'),
      incident('2025-09-02', { category: 'weglopen' }),
      incident('2025-09-01', { category: 'pesten' }),
      { school: 'de-campus', type: 'ongeval' as const, category: 'ongeval-leerling', submittedAt: '2025-11-01T10:00:00.000Z', fields: {} },
    ];
    const e = anonymise(aggregate(reports, 'de-campus', Y), rowOrder(tax, 'de-campus'));
    expect(e.rows.map((r) => `${r.type}/${r.category ?? ''}`)).toEqual(['incident/pesten', 'incident/weglopen', 'zorg-thuissituatie/', 'ongeval/ongeval-leerling']);
  });
});

describe('anonymise: places', () => {
  test('a place is named only when at least 5 reports name it (after normalising); the rest is "overig"', () => {
    const reports = [
      ...times(3, incident('2025-09-10', { location: 'Schoolplein' })),
      ...times(2, incident('2025-09-11', { location: '  schoolplein ' })),
      ...times(6, incident('2025-09-12', { location: 'gymzaal' })),
      ...times(2, incident('2025-09-13', { location: 'bij het hek van Jan' })),
      incident('2025-09-14', { location: 'toilet groep 5' }),
      incident('2025-09-15'),
    ];
    const e = anonymise(aggregate(reports, 'de-campus', Y));
    expect(e.locations).toEqual([
      { location: 'gymzaal', total: { n: 6, small: false, hidden: false } },
      { location: 'schoolplein', total: { n: 5, small: false, hidden: false } },
    ]);
    expect(e.otherLocations).toEqual({ n: null, small: true, hidden: false });
    expect(JSON.stringify(e)).not.toMatch(/jan|toilet/i);
  });

  test('the evaluation holds no ids, names or content: only counts, category ids and common places', () => {
    const secret = (n: number): CountedReport =>
      ({ ...incident('2025-09-10', { location: 'gang' }), id: `CMP-2026-000${n}`, reporter: { id: 'aad-anna', name: 'Anna Geheim' }, fields: { date: '2025-09-10', location: 'gang', facts: 'GEHEIM-FEIT', pupils: ['5B J.d.V.'] } }) as CountedReport;
    const e = anonymise(aggregate([1, 2, 3, 4, 5, 6].map(secret), 'de-campus', Y));
    const json = JSON.stringify(e);
    for (const marker of ['CMP-2026', 'aad-anna', 'Anna', 'GEHEIM', 'J.d.V']) expect(json).not.toContain(marker);
    expect(e.locations).toEqual([{ location: 'gang', total: { n: 6, small: false, hidden: false } }]);
  });
});
