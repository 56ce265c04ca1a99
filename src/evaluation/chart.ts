/**
 * The evaluation's chart: a Vega-Lite spec (stacked bars per month by category, labels in the reader's language),
 * compiled and rendered to SVG by vega + vega-lite in a worker thread (render-worker.mjs), and to PNG by resvg
 * for the Teams card (Teams does not reliably show SVG in an Adaptive Card).
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { renderAsync } from '@resvg/resvg-js';
import type { Lang } from '../i18n';
import type { Taxonomy } from '../reports/taxonomy';
import type { Evaluation } from './anonymise';
import { et, monthLabels, rowLabel } from './labels';

/** One bar segment: a month and a category with a count that may be shown. */
export interface ChartDatum {
  month: string;
  series: string;
  /** Stacking and legend order. */
  order: number;
  count: number;
}

/** The parts of a Vega-Lite top-level spec this module writes (vega-lite's own types are ES-module only). */
export interface BarChartSpec {
  $schema: string;
  title: { text: string; subtitle: string };
  width: number;
  height: number;
  background: string;
  data: { values: ChartDatum[] };
  mark: { type: 'bar' };
  encoding: Record<string, unknown>;
  config: Record<string, unknown>;
}

/**
 * Colour-blind-safe categorical colours (Okabe–Ito, then Tableau's); the "small counts together" segment is grey.
 * More categories than colours repeat them; the legend order still tells them apart.
 */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#4E79A7', '#F28E2B', '#59A14F', '#B07AA1', '#9C755F', '#76B7B2'];
const REST_COLOUR = '#B0B0B0';
const FONT = 'Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif';

export interface ChartText {
  schoolName: string;
  lang: Lang;
}

/**
 * The data: every shown cell; per month whose total is shown, what the not-shown cells add up to as one grey
 * segment (that sum follows from the CSV's shown numbers already, so the chart reveals nothing the CSV does not).
 */
export function chartData(evaluation: Evaluation, tax: Taxonomy, lang: Lang): { data: ChartDatum[]; series: string[] } {
  const months = monthLabels(evaluation.year, lang);
  const series = evaluation.rows.map((r) => rowLabel(tax, r, lang));
  const rest = et(lang, 'chart.rest', { threshold: evaluation.threshold });
  const data: ChartDatum[] = [];
  months.forEach((month, m) => {
    let drawn = 0;
    evaluation.rows.forEach((row, r) => {
      const cell = row.months[m];
      if (cell.n !== null && cell.n > 0) {
        data.push({ month, series: series[r], order: r, count: cell.n });
        drawn += cell.n;
      }
    });
    const total = evaluation.monthTotals[m];
    if (total.n !== null && total.n > drawn) data.push({ month, series: rest, order: series.length, count: total.n - drawn });
  });
  const used = data.some((d) => d.series === rest) ? [...series, rest] : series;
  return { data, series: used };
}

export function chartSpec(evaluation: Evaluation, tax: Taxonomy, text: ChartText): BarChartSpec {
  const { lang } = text;
  const months = monthLabels(evaluation.year, lang);
  const { data, series } = chartData(evaluation, tax, lang);
  const rest = et(lang, 'chart.rest', { threshold: evaluation.threshold });
  const range = series.map((s, i) => (s === rest ? REST_COLOUR : COLOURS[i % COLOURS.length]));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: et(lang, 'chart.title', { year: evaluation.year.label }),
      subtitle: et(lang, 'chart.subtitle', { school: text.schoolName, threshold: evaluation.threshold }),
    },
    width: 640,
    height: 300,
    background: 'white',
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: et(lang, 'chart.month'), scale: { domain: months }, sort: months, axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: et(lang, 'chart.count'), axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'series',
        type: 'nominal',
        title: et(lang, 'chart.legend'),
        scale: { domain: series, range },
        legend: { orient: 'bottom', direction: 'vertical', columns: 2, labelLimit: 420 },
      },
      order: { field: 'order', type: 'quantitative' },
    },
    config: { font: FONT, view: { stroke: null } },
  };
}

/** How long one render may take before its worker is stopped. */
const RENDER_TIMEOUT_MS = 30_000;
const WORKER = path.join(__dirname, 'render-worker.mjs');

/** Compiles and renders a spec to SVG (vega-lite → vega → SVG) in a worker thread. */
export function renderSvg(spec: BarChartSpec, timeoutMs = RENDER_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { spec } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`chart rendering took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (fn: () => void): void => {
      clearTimeout(timer);
      fn();
    };
    worker.once('message', (msg: { svg?: string; error?: string }) =>
      done(() => (typeof msg.svg === 'string' ? resolve(msg.svg) : reject(new Error(`chart rendering failed: ${msg.error ?? 'no output'}`)))),
    );
    worker.once('error', (err) => done(() => reject(err)));
    worker.once('exit', (code) => done(() => reject(new Error(`chart worker stopped (exit ${code})`))));
  });
}

/** The SVG as PNG (resvg, on libuv's thread pool), `width` pixels wide; system fonts for the text. */
export async function renderPng(svg: string, width = 1360): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.asPng();
}
