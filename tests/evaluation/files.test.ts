import { parse } from 'csv-parse/sync';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { aggregate } from '../../src/evaluation/aggregate';
import { anonymise, type Evaluation } from '../../src/evaluation/anonymise';
import { chartData, chartSpec, renderPng, renderSvg } from '../../src/evaluation/chart';
import { evaluationCsv, neutraliseFormula } from '../../src/evaluation/csv';
import { rowOrder } from '../../src/evaluation/labels';
import { schoolYear } from '../../src/time/school-year';
import { incident, tax, times } from './support';

const Y = schoolYear(2025);

/** 2025-2026 at de-campus: pesten 6 in Sep + 2 in Oct, weglopen 7 in Oct, 3 zorg in Nov; places. */
function sample(): Evaluation {
  const reports = [
    ...times(6, incident('2025-09-10', { location: 'Schoolplein' })),
    ...times(2, incident('2025-10-10', { location: 'gang' })),
    ...times(7, incident('2025-10-12', { category: 'weglopen', location: '=HYPERLINK("x")' })),
    ...times(3, { school: 'de-campus', type: 'zorg-thuissituatie' as const, submittedAt: '2025-11-05T10:00:00.000Z', fields: {} }),
  ];
  return anonymise(aggregate(reports, 'de-campus', Y), rowOrder(tax, 'de-campus'));
}

const readCsv = (text: string): string[][] => parse(text, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];

describe('CSV', () => {
  test('semicolons, BOM and CRLF for Dutch Excel; a header with the twelve months; rows per category, totals and places', () => {
    const text = evaluationCsv(sample(), tax, 'nl');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = readCsv(text);
    expect(rows[0]).toEqual([
      'Onderdeel', 'Soort melding', 'Categorie of plaats',
      'aug 2025', 'sep 2025', 'okt 2025', 'nov 2025', 'dec 2025', 'jan 2026', 'feb 2026', 'mrt 2026', 'apr 2026', 'mei 2026', 'jun 2026', 'jul 2026', 'Totaal',
    ]);
    const byLabel = new Map(rows.slice(1).map((r) => [`${r[0]}|${r[2]}`, r]));
    const pesten = byLabel.get('per categorie|(Digitaal) pesten')!;
    expect(pesten.slice(1, 2)).toEqual(['Incident']);
    expect(pesten[4]).toBe('6');
    expect(pesten[5]).toBe('<5');
    const zorg = byLabel.get('per categorie|Zorg over de thuissituatie (meldcode)')!;
    expect(zorg[6]).toBe('<5');
    expect(zorg[15]).toBe('<5');
    const total = byLabel.get('totaal|Alle meldingen')!;
    expect(total[15]).toBe('18');
    // No row has exactly one of its numbers missing ("<5" or "x") while its total is shown.
    for (const r of rows.slice(1).filter((r) => r[0] !== 'per plaats')) {
      const missing = r.slice(3, 16).filter((c) => c === '<5' || c === 'x').length;
      expect(missing).not.toBe(1);
    }
    expect(byLabel.get('per plaats|schoolplein')![15]).toBe('6');
    expect(byLabel.get('per plaats|\'=hyperlink("x")')![15]).toBe('7');
    expect(byLabel.get('per plaats|overig')![15]).toBe('<5');
    expect(rows.every((r) => r.length === 16)).toBe(true);
    expect(text).not.toMatch(/(^|;)=/m);
  });

  test('English headers and labels', () => {
    const rows = readCsv(evaluationCsv(sample(), tax, 'en'));
    expect(rows[0].slice(0, 4)).toEqual(['Part', 'Kind of report', 'Category or place', 'Aug 2025']);
    expect(rows.some((r) => r[2] === '(Online) bullying')).toBe(true);
    expect(rows.some((r) => r[2] === 'other')).toBe(true);
  });

  test.each([
    ['=1+1', "'=1+1"],
    ['+31 20', "'+31 20"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['schoolplein', 'schoolplein'],
    ['<5', '<5'],
  ])('neutraliseFormula(%j) = %j', (text, safe) => {
    expect(neutraliseFormula(text)).toBe(safe);
  });
});

/** The bars vega drew: the path elements of the rect mark's group. */
function bars(svgText: string): Element[] {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const groups = Array.from(doc.getElementsByTagName('g')).filter((g) => (g.getAttribute('class') ?? '').includes('mark-rect'));
  return groups.flatMap((g) => Array.from(g.getElementsByTagName('path')));
}

describe('chart: a Vega-Lite spec rendered to SVG by vega, and to PNG by resvg', () => {
  test('the data holds only shown counts; a month whose total is shown gets its small counts as one grey segment', () => {
    // October: pesten 2 and agressie 3 ("<5" each) beside weglopen 7; the October total 12 is shown, so 12 − 7 = 5
    // "small counts together" is in the CSV already and may be drawn.
    const reports = [
      ...times(6, incident('2025-09-10')),
      ...times(2, incident('2025-10-10')),
      ...times(3, incident('2025-10-11', { category: 'agressie' })),
      ...times(7, incident('2025-10-12', { category: 'weglopen' })),
    ];
    const evaluation = anonymise(aggregate(reports, 'de-campus', Y), rowOrder(tax, 'de-campus'));
    expect(evaluation.monthTotals[2]).toEqual({ n: 12, small: false, hidden: false });
    const { data, series } = chartData(evaluation, tax, 'nl');
    expect(data.map((d) => [d.month, d.series, d.count])).toEqual([
      ['sep 2025', '(Digitaal) pesten', 6],
      ['okt 2025', 'Weglopen van school of uit de les', 7],
      ['okt 2025', 'Kleine aantallen samen (<5 per categorie)', 5],
    ]);
    expect(series[series.length - 1]).toBe('Kleine aantallen samen (<5 per categorie)');
  });

  test('a month whose total is not shown draws no segment for its small counts', () => {
    const { data } = chartData(sample(), tax, 'nl');
    expect(data.map((d) => [d.month, d.count])).toEqual([
      ['sep 2025', 6],
      ['okt 2025', 7],
    ]);
  });

  test('the SVG comes from vega: well-formed, one bar per month × category segment, Dutch labels', async () => {
    const evaluation = sample();
    const spec = chartSpec(evaluation, tax, { schoolName: 'Montessorischool De Campus', lang: 'nl' });
    expect(spec.$schema).toContain('vega-lite');
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.documentElement?.tagName).toBe('svg');
    expect(bars(svg)).toHaveLength(2);
    expect(chartData(evaluation, tax, 'nl').data).toHaveLength(2);
    expect(svg).toContain('Meldingen per maand, schooljaar 2025-2026');
    expect(svg).toContain('Montessorischool De Campus');
    expect(svg).toContain('mrt 2026');
    expect(svg).not.toContain('HYPERLINK');
  });

  test('an empty year still renders (axes, no bars); a PNG is a real PNG of the asked width', async () => {
    const empty = anonymise(aggregate([], 'de-campus', Y));
    const svg = await renderSvg(chartSpec(empty, tax, { schoolName: 'De Campus', lang: 'en' }));
    expect(bars(svg)).toHaveLength(0);
    expect(svg).toContain('Reports per month, school year 2025-2026');
    const png = await renderPng(svg, 800);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(800); // IHDR width
  });

  test('a broken spec is an error from the renderer, not a hang', async () => {
    const spec = { ...chartSpec(sample(), tax, { schoolName: 'x', lang: 'nl' }), mark: { type: 'no-such-mark' } } as unknown as Parameters<typeof renderSvg>[0];
    await expect(renderSvg(spec)).rejects.toThrow(/chart rendering failed/);
  });
});
