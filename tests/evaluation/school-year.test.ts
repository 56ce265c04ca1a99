import { monthIndex, parseSchoolYear, schoolYear, schoolYearAt } from '../../src/time/school-year';

describe('the school year: 1 August – 31 July, Europe/Amsterdam', () => {
  test('bounds are midnight in Amsterdam as instants (summer time: 22:00 UTC the day before)', () => {
    const y = schoolYear(2025);
    expect(y).toMatchObject({ label: '2025-2026', fromDate: '2025-08-01', toDate: '2026-08-01' });
    expect(y.fromInstant).toBe('2025-07-31T22:00:00.000Z');
    expect(y.toInstant).toBe('2026-07-31T22:00:00.000Z');
    expect(y.months.map((m) => `${m.year}-${m.month}`)).toEqual([
      '2025-8', '2025-9', '2025-10', '2025-11', '2025-12', '2026-1', '2026-2', '2026-3', '2026-4', '2026-5', '2026-6', '2026-7',
    ]);
  });

  test.each([
    ['2025-2026', 2025],
    ['2025/2026', 2025],
    [' 2025 - 2026 ', 2025],
    ['2025-2027', undefined],
    ['2026-2025', undefined],
    ['2025', undefined],
    ['25-26', undefined],
    ['2025-2026-2027', undefined],
    ['abcd-efgh', undefined],
    ['1999-2000', undefined],
  ])('parseSchoolYear(%j) → %s', (text, start) => {
    expect(parseSchoolYear(text)?.startYear).toBe(start);
  });

  test.each([
    ['2026-07-31T21:30:00Z', '2025-2026', '31 July 23:30 in Amsterdam (summer time) is still the old year'],
    ['2026-07-31T21:59:59Z', '2025-2026', 'one second before midnight'],
    ['2026-07-31T22:00:00Z', '2026-2027', 'midnight 1 August in Amsterdam'],
    ['2025-07-31T22:30:00Z', '2025-2026', '1 August 00:30 in Amsterdam, still 31 July in UTC'],
    ['2026-01-01T00:30:00Z', '2025-2026', 'new year (winter time)'],
    ['2026-03-10T09:00:00Z', '2025-2026', 'the tests’ fixed day'],
  ])('schoolYearAt(%s) = %s (%s)', (at, label) => {
    expect(schoolYearAt(at).label).toBe(label);
  });

  test.each([
    ['2025-07-31', undefined],
    ['2025-08-01', 0],
    ['2025-12-31', 4],
    ['2026-01-01', 5],
    ['2026-07-31', 11],
    ['2026-08-01', undefined],
  ])('monthIndex(2025-2026, %s) = %s', (date, index) => {
    expect(monthIndex(schoolYear(2025), date)).toBe(index);
  });
});
