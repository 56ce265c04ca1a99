/** The shipped directory is valid and every value is traceable to its place in the plan. */
import fs from 'node:fs';
import path from 'node:path';
import { loadDirectory } from '../../src/directory';
import { DIRECTORY_FILE, SEEDS_DIR } from './helpers';

const data = loadDirectory(DIRECTORY_FILE);

/** Plan text as one line: typographic quotes unified, whitespace collapsed (tables and line breaks flattened). */
function flat(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

const planText = new Map<string, string>();
for (const plan of data.plans) {
  const file = path.join(SEEDS_DIR, plan.source ?? '');
  if (plan.source && fs.existsSync(file)) planText.set(plan.doc, fs.readFileSync(file, 'utf8'));
}
const haveSeeds = planText.size === data.plans.length;

describe('knowledge/directory.json', () => {
  it('covers the five plans', () => {
    expect(data.plans.map((p) => p.doc).sort()).toEqual(['conexus', 'de-campus', 'de-nieuwe-kring', 'sooog', 'wij-de-venen']);
  });

  (haveSeeds ? it : it.skip)('quotes every citation verbatim from its plan', () => {
    const missing: string[] = [];
    for (const plan of data.plans) {
      const text = flat(planText.get(plan.doc) as string);
      const check = (quote: string, where: string) => {
        // "…" in a quote marks an elision; every piece must be in the plan. Table cells may be split by line breaks.
        for (const piece of flat(quote).split(' … ')) {
          const p = piece.trim();
          if (p && !text.includes(p) && !text.replace(/ /g, '').includes(p.replace(/ /g, ''))) missing.push(`${plan.doc} ${where}: ${p}`);
        }
      };
      for (const c of plan.placeholders) check(c.quote, 'placeholder');
      plan.entries.forEach((e) => {
        check(e.citation.quote, `${e.role} citation`);
        e.sources.forEach((s) => check(s.quote, `${e.role} source`));
        if (e.placeholder) check(e.placeholder.quote, `${e.role} placeholder`);
        e.holders.forEach((h) => check(h.citation.quote, `${e.role} holder ${h.name}`));
        e.exceptions.forEach((x) => check(x.citation.quote, `${e.role} exception`));
      });
    }
    expect(missing).toEqual([]);
  });

  (haveSeeds ? it : it.skip)('copies every e-mail address and phone number exactly as printed', () => {
    const wrong: string[] = [];
    for (const plan of data.plans) {
      const raw = planText.get(plan.doc) as string;
      const joined = raw.replace(/\s+/g, '');
      for (const e of plan.entries)
        for (const h of e.holders) {
          if (h.email && !joined.toLowerCase().includes(h.email.toLowerCase())) wrong.push(`${h.name} ${h.email}`);
          if (h.phone && !flat(raw).includes(h.phone)) wrong.push(`${h.name} ${h.phone}`);
        }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the known states of the plans', () => {
    const entry = (doc: string, role: string, level?: string) =>
      data.plans.find((p) => p.doc === doc)?.entries.find((e) => e.role === role && (!level || e.level === level));
    expect(entry('de-nieuwe-kring', 'anti-pestcoordinator')?.holders.map((h) => h.name)).toEqual(['Linde Rabbeljee', 'Nancy Knaven']);
    expect(entry('de-nieuwe-kring', 'anti-pestcoordinator')?.state).toBe('conflict');
    expect(entry('conexus', 'anti-pestcoordinator')?.description).toBe('1 per school');
    expect(entry('conexus', 'aandachtsfunctionaris', 'board')?.description).toBe('collega uit team O&K');
    expect(entry('conexus', 'externe-vertrouwenspersoon')?.exceptions[0]).toMatchObject({ school: 'het-talent', excludeHolders: ['Eefje van Antwerpen'] });
    expect(entry('wij-de-venen', 'anti-pestcoordinator')).toBeUndefined();
  });
});
