import { formatCalendarDate, formatDate, formatDateTime, isCalendarDate, ManualClock, schoolClock } from '../../src/time';

describe('time: one clock, Amsterdam for people', () => {
  test('a time people read is Europe/Amsterdam in Dutch format, in winter and in summer', () => {
    expect(formatDateTime('2026-12-01T00:23:00Z')).toBe('1 december 2026, 01:23');
    expect(formatDateTime('2026-07-01T00:23:00Z')).toBe('1 juli 2026, 02:23');
    expect(formatDateTime(new Date('2026-12-01T00:23:00Z'), 'en')).toBe('1 December 2026, 01:23');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1 januari 2027');
  });

  test('across the DST change the school day and year come from Amsterdam, not UTC', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00 CET→CEST.
    expect(schoolClock('2027-03-28T00:59:00Z')).toEqual({ date: '2027-03-28', time: '01:59', year: 2027 });
    expect(schoolClock('2027-03-28T01:00:00Z')).toEqual({ date: '2027-03-28', time: '03:00', year: 2027 });
    // New Year's Eve 23:30 UTC is already 2027 at school: report ids take the school's year.
    expect(schoolClock('2026-12-31T23:30:00Z').year).toBe(2027);
  });

  test('calendar dates: real dates only, shown the Dutch way', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('12-01-2026')).toBe(false);
    expect(formatCalendarDate('2026-01-12')).toBe('12 januari 2026');
    expect(formatCalendarDate('gisteren')).toBe('gisteren');
  });

  test('a manual clock stands still until moved', () => {
    const clock = new ManualClock('2026-03-10T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-10T09:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-03-10T09:01:00.000Z');
  });
});
