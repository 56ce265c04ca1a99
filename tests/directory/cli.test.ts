/** `npm run directory -- lint|show`: output and exit codes (non-zero for lint only on schema errors). */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/directory';
import { DIRECTORY_FILE, tempDir } from './helpers';

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('directory CLI', () => {
  it('lint lists conflicts, unnamed roles, placeholders and missing required roles, exit 0', () => {
    const r = run(['lint']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('anti-pestcoördinator [school]: Linde Rabbeljee (Vooraf) vs Nancy Knaven (Aanpak (digitaal) pesten)');
    expect(r.out).toContain('anti-pestcoördinator [school]: "1 per school"');
    expect(r.out).toContain('Het aanspreekpunt betreffende pestgedrag voor onze school is ….');
    expect(r.out).toContain('Op onze school zijn ? BHV-ers aanwezig.');
    const wdv = r.out.slice(r.out.indexOf('== wij-de-venen'), r.out.indexOf('== sooog'));
    expect(wdv).toContain('required roles missing: 2');
    expect(wdv).toContain('aanspreekpunt/coördinator pesten — Wet veiligheid op school');
  });

  it('lint --json is machine-readable', () => {
    const report = JSON.parse(run(['lint', '--json']).out);
    expect(report.find((s: { school: string }) => s.school === 'de-nieuwe-kring').conflicts).toHaveLength(1);
  });

  it('lint exits 2 and names the field on a schema error', () => {
    const data = JSON.parse(fs.readFileSync(DIRECTORY_FILE, 'utf8'));
    data.plans[0].entries[0].state = 'maybe';
    const file = path.join(tempDir(), 'directory.json');
    fs.writeFileSync(file, JSON.stringify(data));
    const r = run(['lint', '--file', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`schema error in ${file}`);
    expect(r.err).toContain('plans[0].entries[0].state');
  });

  it('show prints the school\'s roles and holders; unknown school exits 1', () => {
    const r = run(['show', 'de-nieuwe-kring']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Lorianne van Cappellen (via AMOS) <lvancappellen@hetabc.nl> tel 06 - 30 30 87 15');
    expect(r.out).not.toContain('Marcha Douwes');
    expect(run(['show', 'nergens']).code).toBe(1);
    expect(run(['wat']).code).toBe(64);
  });
});
