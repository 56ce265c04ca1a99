/**
 * Draws Baken's Teams icons (a beacon: lighthouse with light beams) into manifest/:
 * color.png 192x192 full colour, outline.png 32x32 white on transparent. Run: `npm run manifest:icons`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { encodePng, RgbaImage } from './lib/png';

type Rgba = [number, number, number, number];
type Shape = (u: number, v: number) => boolean;

export const ACCENT: Rgba = [0x0e, 0x6f, 0x73, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const LIGHT: Rgba = [0xff, 0xd2, 0x5a, 255];
const STRIPE: Rgba = [0xd9, 0x4f, 0x3d, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const sign = (px: number, py: number, x1: number, y1: number, x2: number, y2: number) => (px - x2) * (y1 - y2) - (x1 - x2) * (py - y2);
  return (u, v) => {
    const d1 = sign(u, v, ax, ay, bx, by);
    const d2 = sign(u, v, bx, by, cx, cy);
    const d3 = sign(u, v, cx, cy, ax, ay);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

const rect = (u0: number, v0: number, u1: number, v1: number): Shape => (u, v) => u >= u0 && u <= u1 && v >= v0 && v <= v1;

const tower: Shape = (u, v) => {
  if (v < 0.42 || v > 0.86) return false;
  const halfWidth = 0.1 + ((v - 0.42) / 0.44) * 0.07;
  return Math.abs(u - 0.5) <= halfWidth;
};
const lampRoom = rect(0.41, 0.27, 0.59, 0.42);
const roof = triangle(0.5, 0.15, 0.37, 0.27, 0.63, 0.27);
const base = rect(0.2, 0.86, 0.8, 0.91);
const beamLeft = triangle(0.44, 0.33, 0.06, 0.2, 0.06, 0.44);
const beamRight = triangle(0.56, 0.33, 0.94, 0.2, 0.94, 0.44);
const stripes: Shape = (u, v) => tower(u, v) && ((v >= 0.54 && v <= 0.61) || (v >= 0.72 && v <= 0.79));
const lamp = rect(0.45, 0.3, 0.55, 0.39);

/** Layers painted in order; the last one that contains a point wins. */
type Layer = [Shape, Rgba];

function render(size: number, background: Rgba, layers: Layer[]): RgbaImage {
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          let colour = background;
          for (const [shape, fill] of layers) if (shape(u, v)) colour = fill;
          // Premultiplied so that edges against transparency stay white, not grey.
          sum[0] += colour[0] * colour[3];
          sum[1] += colour[1] * colour[3];
          sum[2] += colour[2] * colour[3];
          sum[3] += colour[3];
        }
      }
      const alpha = sum[3] / (samples * samples);
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return { width: size, height: size, pixels };
}

export function drawColourIcon(): RgbaImage {
  return render(192, ACCENT, [
    [beamLeft, LIGHT],
    [beamRight, LIGHT],
    [tower, WHITE],
    [stripes, STRIPE],
    [lampRoom, WHITE],
    [lamp, LIGHT],
    [roof, STRIPE],
    [base, WHITE],
  ]);
}

export function drawOutlineIcon(): RgbaImage {
  return render(32, TRANSPARENT, [
    [beamLeft, WHITE],
    [beamRight, WHITE],
    [tower, WHITE],
    [stripes, TRANSPARENT],
    [lampRoom, WHITE],
    [roof, WHITE],
    [base, WHITE],
  ]);
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'manifest');
  fs.writeFileSync(path.join(dir, 'color.png'), encodePng(drawColourIcon()));
  fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`wrote ${path.join(dir, 'color.png')} and outline.png`);
}
