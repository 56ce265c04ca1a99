/** The importer: each quirk of shared/seeds/README.md on a small inline fixture, then on the real imported plans. */
import { spawnSync } from 'node:child_process';
import { makeDocx, makePdf } from '../support/documents';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPlanText, stripFootnoteMarkers, TEMPLATE_MARK } from '../../src/knowledge/import/importPlan';
import { followsInSequence, matchNumberedHeading } from '../../src/knowledge/import/headings';
import { parseImportArgs, importAll, importOne, readManifest } from '../../src/knowledge/import/run';
import type { PlanImportOptions } from '../../src/knowledge/import/manifest';

const KNOWLEDGE = path.resolve(__dirname, '../../knowledge');
const plan = (id: string): string => fs.readFileSync(path.join(KNOWLEDGE, 'plans', `${id}.md`), 'utf8');
const PLAN_IDS = ['conexus', 'de-campus', 'de-nieuwe-kring', 'wij-de-venen', 'sooog'];

const options = (extra: Partial<PlanImportOptions> = {}): PlanImportOptions => ({
  id: 'test',
  title: 'Testplan',
  level: 'school',
  board: 'amos',
  schools: ['de-nieuwe-kring'],
  source: 'test.txt',
  ...extra,
});
/** PDF-style raw text: every line followed by an empty line. */
const pdf = (...lines: string[]): string => lines.map((l) => `${l} \n`).join('\n');
const body = (markdown: string): string => markdown.split('\n---\n')[1];

describe('numbered headings', () => {
  it('turns 1 / 1.1 / 1.1.1 into #, ##, ### with number and title', () => {
    const md = importPlanText(
      pdf('1 Inleiding', 'Tekst van de inleiding.', '1.1 Wettelijk kader', 'De wet zegt iets.', '1.1.1 Details', 'Meer.'),
      options(),
    ).markdown;
    expect(body(md)).toContain('# 1 Inleiding\n');
    expect(body(md)).toContain('## 1.1 Wettelijk kader\n');
    expect(body(md)).toContain('### 1.1.1 Details\n');
  });

  it('rejects list entries, counts and phone numbers that start with a number', () => {
    const md = importPlanText(
      pdf(
        '2 Sociale veiligheid',
        'Regels:',
        '1 per school',
        '2 keer per jaar komen we bij elkaar.',
        '06 - 30 30 87 15',
        '1. Ik praat aardig tegen een ander',
        '2. Ik luister naar een ander',
        '5 Coördinatie tijdens een noodsituatie',
      ),
      options(),
    ).markdown;
    const headings = body(md).split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# 2 Sociale veiligheid']);
  });

  it('accepts only numbers that continue the sequence', () => {
    expect(followsInSequence([2, 3], [2, 3, 1])).toBe(true);
    expect(followsInSequence([2, 3, 1], [2, 4])).toBe(true);
    expect(followsInSequence([2, 10, 2], [3])).toBe(true);
    expect(followsInSequence([3, 5, 2], [5])).toBe(false);
    expect(followsInSequence([3, 5], [1])).toBe(false);
    expect(matchNumberedHeading('1 per school')).toBeNull();
    expect(matchNumberedHeading('1. Gedrag en omgangsvormen: De scholen werken met een leerlijn')).toBeNull();
    expect(matchNumberedHeading('Hoofdstuk 4 Gedragsregels')?.number).toBe('Hoofdstuk 4');
    expect(matchNumberedHeading('Bijlage 1 Format invulling schoolveiligheidsplan')?.number).toBe('Bijlage 1');
  });

  it('joins a heading that wrapped onto the next line', () => {
    const md = importPlanText(pdf('1 Inleiding', 'Tekst.', '1.1 Meldcode bij zorgen of vermoedens of ander', 'grensoverschrijdend gedrag', 'Naast de meldplicht.'), options()).markdown;
    expect(md).toContain('## 1.1 Meldcode bij zorgen of vermoedens of ander grensoverschrijdend gedrag\n');
  });

  it('restarts numbering inside a Bijlage and nests it one level deeper', () => {
    const md = importPlanText(pdf('1 Inleiding', 'Tekst.', '2 Beleid', 'Tekst.', 'Bijlage 1 Bijlage', 'Uitleg.', '1. Inleiding', 'Tekst.'), options()).markdown;
    expect(md).toContain('# Bijlage 1 Bijlage\n');
    expect(md).toContain('## 1 Inleiding\n');
  });
});

describe('unnumbered sub-headings', () => {
  it('detects short title lines followed by text after a finished paragraph', () => {
    const md = importPlanText(
      pdf('Hoofdstuk 2 Taken', 'Op school zijn taken verdeeld.', 'Leerkracht', 'De leerkracht is het eerste aanspreekpunt.', 'Directeur', 'De directeur is eindverantwoordelijk.'),
      options(),
    ).markdown;
    expect(md).toContain('# Hoofdstuk 2 Taken\n');
    expect(md).toContain('## Leerkracht\n\nDe leerkracht is het eerste aanspreekpunt.');
    expect(md).toContain('## Directeur\n');
  });

  it('keeps a run of short lines (a list without bullets) as text', () => {
    const md = importPlanText(pdf('Het plan bevat de volgende bijlagen.', 'Internetgebruik', 'Pestprotocol', 'Protocol Rouwverwerking'), options()).markdown;
    expect(body(md).split('\n').filter((l) => l.startsWith('#'))).toEqual(['# Testplan']);
    expect(md).toContain('Pestprotocol');
  });
});

describe('page furniture', () => {
  it('drops repeated page headers and bare page numbers', () => {
    const header = 'Beleidsplan Sociale veiligheid Test, schooljaar 2025/2026';
    const md = importPlanText(pdf(header, '2', 'Vooraf', 'Eerste zin van een alinea die', 'doorloopt.', header, '3', 'Laatste zin.'), options()).markdown;
    expect(md).not.toContain(header);
    expect(md).not.toMatch(/^\s*[23]\s*$/m);
  });

  it('drops table-of-contents lines', () => {
    const md = importPlanText(pdf('Inhoud', '1 Inleiding ........ 3', '2 Beleid ..... 5', '1 Inleiding', 'Tekst.'), options()).markdown;
    expect(md).not.toContain('....');
    expect(md).toContain('# 1 Inleiding\n\nTekst.');
  });

  it('drops file:/// links and mailto annotations, keeps a new web address once as a link note', () => {
    const md = importPlanText(
      pdf('1 Inleiding', 'Lees het protocol hier.') +
        'file:///C:/Users/x/AppData/Local/nog%20te%20plaatsen\nmailto:a@b.nl\nhttps://voorbeeld.nl/protocol.pdf\nhttps://voorbeeld.nl/protocol.pdf\n',
      options(),
    ).markdown;
    expect(md).not.toContain('file:///');
    expect(md).not.toContain('mailto:');
    expect(md.match(/voorbeeld\.nl\/protocol\.pdf/g)).toHaveLength(1);
    expect(md).toContain('Link: https://voorbeeld.nl/protocol.pdf');
  });
});

describe('footnotes', () => {
  it('strips glued markers only for footnote numbers that exist', () => {
    expect(stripFootnoteMarkers('een gedragscode1 opgesteld en incidentenbeleid5.', 5).text).toBe('een gedragscode opgesteld en incidentenbeleid.');
    expect(stripFootnoteMarkers('Werkdrukscan2.0 en groep 8', 11).text).toBe('Werkdrukscan2.0 en groep 8');
    expect(stripFootnoteMarkers('gedragscode1', 0).text).toBe('gedragscode1');
  });

  it('lifts footnote text out of a paragraph that continues on the next page', () => {
    const raw =
      pdf('1 Inleiding', 'Daarom is er een gedragscode1 opgesteld die richting geeft aan het handelen van') +
      ' \n1 Gereed oktober 2025 \n Scholen binnen Conexus hanteren deze gedragscode. \n';
    const md = importPlanText(raw, options()).markdown;
    expect(md).toContain('gedragscode opgesteld die richting geeft aan het handelen van Scholen binnen Conexus hanteren');
    expect(md).toContain('Noot 1: Gereed oktober 2025');
    expect(md).not.toContain('gedragscode1');
  });
});

describe('paragraphs, lists and tables', () => {
  it('re-joins lines the PDF broke mid-sentence and keeps bullets as items', () => {
    const md = importPlanText(
      pdf('1 Inleiding', 'Een veilige school is een plek waar leerlingen en medewerkers zich fysiek, sociaal en', 'psychisch veilig voelen.', 'Zo dient:', '• Er beleid gevoerd te worden;', '▪ De veiligheid gemonitord te worden met een', 'instrument.', 'o Sub-punt'),
      options(),
    ).markdown;
    expect(md).toContain('zich fysiek, sociaal en psychisch veilig voelen.');
    expect(md).toContain('Zo dient:\n\n- Er beleid gevoerd te worden;\n- De veiligheid gemonitord te worden met een instrument.\n- Sub-punt');
  });

  it('rebuilds a comparison table from capitalised cells', () => {
    const md = importPlanText(
      pdf('1 Pesten', 'Overzicht:', 'Plagen Pesten Agressief gedrag', 'Gelijkwaardigheid Machtsverschil Fysiek contact', 'Humoristisch Intentie de ander schade', 'toe te brengen', 'Intentie om nieuw', 'evenwicht te vormen'),
      options({ tables: [{ startsWith: 'Plagen Pesten', kind: 'grid', columns: ['Plagen', 'Pesten', 'Agressief gedrag'] }] }),
    ).markdown;
    expect(md).toContain('| Plagen | Pesten | Agressief gedrag |');
    expect(md).toContain('| Humoristisch | Intentie de ander schade toe te brengen | Intentie om nieuw evenwicht te vormen |');
  });

  it('marks a fill-in Bijlage and everything under it as template', () => {
    const md = importPlanText(pdf('1 Inleiding', 'Tekst.', 'Bijlage 1 Format invulling schoolveiligheidsplan', 'Vul in.', '1. Inleiding', '(Naam school) zet zich in.'), options()).markdown;
    expect(md).toContain(`# Bijlage 1 Format invulling schoolveiligheidsplan\n\n${TEMPLATE_MARK}`);
    expect(md).toContain(`## 1 Inleiding\n\n${TEMPLATE_MARK}`);
    expect(md).toMatch(/^# 1 Inleiding\n\nTekst\./m);
  });
});

describe('the imported plans in knowledge/plans', () => {
  it('has no page header, page number, glued footnote or local link left', () => {
    const dnk = plan('de-nieuwe-kring').split('\n');
    expect(dnk.some((l) => l.includes('Beleidsplan Sociale veiligheid De Nieuwe Kring, schooljaar 2025/2026'))).toBe(false);
    for (const id of PLAN_IDS) {
      const md = plan(id);
      expect(md).not.toMatch(/^\d{1,3}$/m);
      expect(md).not.toContain('file:///');
      expect(md).not.toContain('mailto:');
      expect(md).not.toContain('Fout! Verwijzingsbron');
    }
    const cnx = plan('conexus');
    for (const glued of ['gedragscode1', 'incidentenbeleid5', 'Conexus1', 'ouders2', 'antipestprotocol3', 'meldcode6']) {
      expect(cnx).not.toContain(glued);
    }
    expect(cnx).toContain('Noot 1: Gereed oktober 2025');
  });

  it('does not split a sentence around a footnote (Conexus 2.8)', () => {
    expect(plan('conexus')).toContain('De school heeft een duidelijke structuur voor het signaleren, registreren en melden van verzuim.');
  });

  it('has the Conexus 4.1 role table rows and the plagen/pesten table', () => {
    const cnx = plan('conexus');
    const roles = cnx.slice(cnx.indexOf('## 4.1 Rollen en taken'), cnx.indexOf('## 4.2'));
    expect(roles).toContain('| Rol/functie | Niveau | Belangrijkste taken/verantwoordelijkheden | Naam |');
    expect(roles).toMatch(/\| Anti-pestcoördinator \| Schoolniveau \| Signaleren en registreren van pestgedrag;[^|]*\| 1 per school \|/);
    expect(roles).toMatch(/\| Externe vertrouwenspersoon \| Bestuursniveau \|[^\n]*Royploegmakers@vertrouwenswerk\.nl/);
    expect(roles).toMatch(/\| Interne vertrouwenspersoon \| Schoolniveau \|[^\n]*\| Minimaal 1 per school \|/);
    expect(cnx).toContain('| Af en toe (incidenten) | Vaak/voortdurend | Actie van beperkte duur |');
  });

  it('marks Conexus Bijlage 1 (and only it) as template', () => {
    const cnx = plan('conexus');
    expect(cnx).toContain(`# Bijlage 1 Format invulling schoolveiligheidsplan\n\n${TEMPLATE_MARK}`);
    expect(cnx.slice(0, cnx.indexOf('# Bijlage 1'))).not.toContain(TEMPLATE_MARK);
    expect(cnx.slice(cnx.indexOf('# Bijlage 2'))).not.toContain(TEMPLATE_MARK);
  });

  it('has the expected structure per document', () => {
    expect(plan('de-campus')).toContain('### 3.1.2 Fysiek contact tussen leerkrachten en leerlingen\n');
    expect(plan('de-campus')).toContain('#### Stap 4, wegen van huiselijk geweld/kindermishandeling\n');
    expect(plan('de-campus')).not.toMatch(/^#+ 5 Coördinatie/m);
    expect(plan('wij-de-venen')).toContain('# Hoofdstuk 2 Taken en verantwoordelijkheden omtrent sociale veiligheid\n');
    expect(plan('wij-de-venen')).toContain('## Intern begeleider\n');
    expect(plan('wij-de-venen')).toContain('## 4.5 ParnasSys\n');
    expect(plan('de-nieuwe-kring')).toContain('# Vooraf\n');
    expect(plan('de-nieuwe-kring')).toContain('# Aanpak (digitaal) pesten\n');
    expect(plan('de-nieuwe-kring')).not.toMatch(/^#+ \d\. Ik /m);
    expect(plan('sooog')).not.toMatch(/^#+ Pestprotocol/m);
    expect(plan('conexus')).toContain('### 2.9.3 Meldcode bij zorgen of vermoedens huiselijk geweld, kindermishandeling of ander grensoverschrijdend gedrag\n');
  });

  it('has front matter with the scope from the manifest', () => {
    expect(plan('conexus')).toMatch(/^---\nid: conexus\ntitle: .+\nscope:\n {2}level: board\n {2}board: conexus\n/);
    expect(plan('de-campus')).toContain('scope:\n  level: school\n  board: asg\n  schools: ["de-campus"]');
    expect(plan('de-nieuwe-kring')).toContain('schoolYear: "2025/2026"');
  });
});

const WORD_PLAN = ['1 Inleiding', 'Dit is het veiligheidsplan van de school.', '2 Pesten', 'Pesten melden we bij de coördinator.'];

describe('reproducible import', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-import-'));
    fs.copyFileSync(path.join(KNOWLEDGE, 'schools.json'), path.join(dir, 'schools.json'));
    fs.copyFileSync(path.join(KNOWLEDGE, 'import.json'), path.join(dir, 'import.json'));
    fs.cpSync(path.join(KNOWLEDGE, 'raw'), path.join(dir, 'raw'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--all re-imports every plan byte for byte', async () => {
    const written = await importAll(dir);
    expect(written.map((w) => w.id).sort()).toEqual([...PLAN_IDS].sort());
    for (const id of PLAN_IDS) {
      expect(fs.readFileSync(path.join(dir, 'plans', `${id}.md`), 'utf8')).toBe(plan(id));
    }
  });

  it('keeps the raw seeds unchanged under knowledge/raw', () => {
    const seeds = path.resolve(__dirname, '../../../shared/seeds');
    if (!fs.existsSync(seeds)) return; // shared/ sits beside the repository in development and CI
    const manifest = readManifest(KNOWLEDGE);
    for (const entry of manifest.plans) {
      expect(fs.readFileSync(path.join(KNOWLEDGE, entry.raw), 'utf8')).toBe(fs.readFileSync(path.join(seeds, entry.source), 'utf8'));
    }
  });

  it('a single import copies the raw file, records it in the manifest and gives the same plan', async () => {
    fs.rmSync(path.join(dir, 'raw'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'import.json'), JSON.stringify({ plans: [] }));
    const input = path.join(dir, 'upload.txt');
    fs.copyFileSync(path.join(KNOWLEDGE, 'raw', 'wij-de-venen.txt'), input);
    const args = parseImportArgs([input, '--school', 'wij-de-venen', '--level', 'board', '--title', 'Samenvatting beleidsplan sociale veiligheid WIJ de Venen']);
    if (args.mode !== 'one') throw new Error('expected a single import');
    await importOne(dir, args);
    expect(fs.existsSync(path.join(dir, 'raw', 'wij-de-venen.txt'))).toBe(true);
    expect(readManifest(dir).plans.map((p) => p.id)).toEqual(['wij-de-venen']);
    const md = fs.readFileSync(path.join(dir, 'plans', 'wij-de-venen.md'), 'utf8');
    expect(md.replace(/source: .*\n/, '')).toBe(plan('wij-de-venen').replace(/source: .*\n/, ''));
  });

  // pdf.js loads its worker with a dynamic import that jest's module sandbox refuses, so the import runs
  // through the real command (`npm run knowledge:import`) in a child process, as an admin would run it.
  it.each([
    ['docx', () => makeDocx(WORD_PLAN)],
    ['pdf', () => makePdf(WORD_PLAN)],
  ])('imports a %s plan through the command: original and extracted text kept, sections found', async (ext, make) => {
    fs.writeFileSync(path.join(dir, 'import.json'), JSON.stringify({ plans: [] }));
    const input = path.join(dir, `upload.${ext}`);
    fs.writeFileSync(input, make());
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/knowledge-import.ts', input, '--school', 'sooog', '--level', 'board'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, KNOWLEDGE_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toMatch(/knowledge:import:/);
    expect(run.status).toBe(0);
    const written = { file: path.join(dir, 'plans', 'sooog.md') };
    expect(fs.readFileSync(path.join(dir, 'raw', `sooog.${ext}`))).toEqual(fs.readFileSync(input));
    expect(fs.readFileSync(path.join(dir, 'raw', 'sooog.txt'), 'utf8')).toContain('Pesten melden we bij de coördinator.');
    expect(readManifest(dir).plans[0]).toMatchObject({ id: 'sooog', raw: 'raw/sooog.txt', source: `upload.${ext}` });
    const md = fs.readFileSync(written.file, 'utf8');
    expect(md).toContain('# 1 Inleiding');
    expect(md).toContain('# 2 Pesten');
    expect(md).not.toMatch(/-- 1 of 1 --/);
    // Re-importing from the kept text gives the same plan, whatever the extractor's version.
    await importAll(dir);
    expect(fs.readFileSync(written.file, 'utf8')).toBe(md);
  });

  it('refuses a format it cannot read, before copying anything', async () => {
    const input = path.join(dir, 'plan.doc');
    fs.writeFileSync(input, 'oud Word');
    const args = parseImportArgs([input, '--school', 'sooog']);
    if (args.mode !== 'one') throw new Error('expected a single import');
    await expect(importOne(dir, args)).rejects.toThrow(/\.docx/);
    expect(fs.existsSync(path.join(dir, 'raw', 'sooog.doc'))).toBe(false);
  });

  it('rejects bad arguments with the usage text', () => {
    expect(() => parseImportArgs(['x.txt'])).toThrow(/gebruik/);
    expect(() => parseImportArgs(['x.txt', '--school', 'a', '--level', 'stad'])).toThrow(/--level/);
    expect(parseImportArgs(['--all'])).toEqual({ mode: 'all' });
  });

  it('refuses a school that belongs to another board', async () => {
    const args = parseImportArgs([path.join(KNOWLEDGE, 'raw', 'sooog.txt'), '--school', 'de-campus', '--board', 'amos']);
    if (args.mode !== 'one') throw new Error('expected a single import');
    await expect(importOne(dir, args)).rejects.toThrow(/hoort bij asg/);
  });
});
