// Compiles one Vega-Lite spec and renders it to SVG with Vega's own headless renderer (no browser, no canvas).
// A worker thread because vega and vega-lite ship as ES modules with top-level await, which the CommonJS code
// and the jest runner cannot load; a worker also keeps this CPU-bound work off the bot's event loop.
// Input (workerData): { spec } (a Vega-Lite spec, data inline). Output: { svg } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import * as vega from 'vega';
import { compile } from 'vega-lite';

/** The spec carries its data inline: refuse every load, so a spec can never make Vega read a file or a URL. */
const noLoader = vega.loader();
noLoader.load = async () => {
  throw new Error('loading data is disabled');
};

try {
  const view = new vega.View(vega.parse(compile(workerData.spec).spec), { renderer: 'none', loader: noLoader });
  const svg = await view.toSVG();
  view.finalize();
  parentPort.postMessage({ svg });
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
