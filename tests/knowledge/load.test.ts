/** loadKnowledge / documentsForSchool on the shipped knowledge and on broken fixtures in temp dirs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentsForSchool, loadKnowledge, parsePlanBody } from '../../src/knowledge/load';

const KNOWLEDGE = path.resolve(__dirname, '../../knowledge');

describe('loadKnowledge on the shipped plans', () => {
  const kb = loadKnowledge(KNOWLEDGE);

  it('loads the five plans with their scopes, schools and boards', () => {
    expect(kb.documents.map((d) => d.id).sort()).toEqual(['conexus', 'de-campus', 'de-nieuwe-kring', 'sooog', 'wij-de-venen']);
    const byId = new Map(kb.documents.map((d) => [d.id, d]));
    expect(byId.get('conexus')?.scope).toEqual({ level: 'board', board: 'conexus' });
    expect(byId.get('de-campus')?.scope).toEqual({ level: 'school', board: 'asg', schools: ['de-campus'] });
    expect(byId.get('wij-de-venen')?.scope).toEqual({ level: 'board', board: 'wij-de-venen' });
    expect(kb.schools.length).toBe(5);
    expect(kb.boards.map((b) => b.id)).toContain('amos');
  });

  it('gives unique section ids, parents and clean text', () => {
    for (const doc of kb.documents) {
      const ids = doc.sections.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const s of doc.sections) {
        expect(s.text).not.toContain('<!--');
        expect(s.text).not.toMatch(/\n{3,}/);
      }
    }
    const cnx = kb.documents.find((d) => d.id === 'conexus');
    const meldcode = cnx?.sections.find((s) => s.id === '2.3.1');
    expect(meldcode?.title).toBe('Gedragscode en gedragsregels');
    expect(meldcode?.level).toBe(3);
    expect(meldcode?.parents).toEqual(['2 Sociale veiligheid', '2.3 Gedragsregels en groepsvorming']);
    const roles = cnx?.sections.find((s) => s.id === '4.1');
    expect(roles?.text).toContain('Anti-pestcoördinator | Schoolniveau |');
    expect(roles?.text).not.toContain('---');
  });

  it('marks every section of Conexus Bijlage 1 as template, and elsewhere only the writer\'s instructions De Campus left in', () => {
    const cnx = kb.documents.find((d) => d.id === 'conexus');
    const templates = cnx?.sections.filter((s) => s.isTemplate) ?? [];
    expect(templates.length).toBeGreaterThan(10);
    for (const s of templates) expect(s.id === 'bijlage-1' || s.parents[0]?.startsWith('Bijlage 1')).toBe(true);
    expect(templates.some((s) => s.text.includes('(Naam school)') || s.text.includes('(naam school)'))).toBe(true);
    const policy = cnx?.sections.filter((s) => !s.isTemplate) ?? [];
    expect(policy.some((s) => /\(naam school\)/i.test(s.text))).toBe(false);
    expect(cnx?.sections.find((s) => s.id === 'bijlage-1/2.1')?.isTemplate).toBe(true);
    const otherTemplates = kb.documents.filter((d) => d.id !== 'conexus').flatMap((d) => d.sections.filter((s) => s.isTemplate).map((s) => `${d.id}: ${s.title}`));
    expect(otherTemplates).toEqual(['de-campus: Hierin opnemen cyclisch werken (sociaal- pedagogisch groepsplan)']);
  });
});

describe('documentsForSchool', () => {
  const kb = loadKnowledge(KNOWLEDGE);

  it('returns the school plan plus its board plans, never another school', () => {
    for (const school of kb.schools) {
      const docs = documentsForSchool(kb, school.id);
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        if (d.scope.level === 'board') expect(d.scope.board).toBe(school.board);
        else expect(d.scope.schools).toContain(school.id);
      }
    }
    expect(documentsForSchool(kb, 'de-campus').map((d) => d.id)).toEqual(['de-campus']);
    expect(documentsForSchool(kb, 'conexus').map((d) => d.id)).toEqual(['conexus']);
    expect(documentsForSchool(kb, 'onbekend')).toEqual([]);
  });

  it('shares a board plan with a second school of that board but not its school plan', () => {
    const extra = { id: 'tweede', name: 'Tweede', board: 'asg', code: 'TWD' };
    const withBoardPlan = {
      ...kb,
      schools: [...kb.schools, extra],
      documents: [...kb.documents, { id: 'asg-bestuur', title: 'ASG', scope: { level: 'board' as const, board: 'asg' }, source: 'x', sections: [] }],
    };
    expect(documentsForSchool(withBoardPlan, 'tweede').map((d) => d.id)).toEqual(['asg-bestuur']);
    expect(documentsForSchool(withBoardPlan, 'de-campus').map((d) => d.id).sort()).toEqual(['asg-bestuur', 'de-campus']);
  });
});

describe('validation', () => {
  let dir: string;
  const write = (name: string, content: string): void => fs.writeFileSync(path.join(dir, 'plans', name), content);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-load-'));
    fs.mkdirSync(path.join(dir, 'plans'));
    fs.copyFileSync(path.join(KNOWLEDGE, 'schools.json'), path.join(dir, 'schools.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the file and field of bad front matter', () => {
    write('kapot.md', '---\nid: kapot\ntitle: "X"\nscope:\n  level: stad\n  board: asg\nsource: "x.txt"\n---\n\n# 1 A\n\nTekst.\n');
    expect(() => loadKnowledge(dir)).toThrow(/kapot\.md.*scope\.level/);
  });

  it('rejects an unknown school, a school of another board and an id that differs from the file name', () => {
    write('a.md', '---\nid: a\ntitle: "X"\nscope:\n  level: school\n  board: asg\n  schools: ["de-nieuwe-kring"]\nsource: "x"\n---\n\n# 1 A\n\nT.\n');
    expect(() => loadKnowledge(dir)).toThrow(/a\.md: school de-nieuwe-kring hoort niet bij bestuur asg/);
    write('a.md', '---\nid: b\ntitle: "X"\nscope:\n  level: board\n  board: asg\nsource: "x"\n---\n\n# 1 A\n\nT.\n');
    expect(() => loadKnowledge(dir)).toThrow(/a\.md: id "b"/);
    write('a.md', '---\nid: a\ntitle: "X"\nscope:\n  level: board\n  board: nergens\nsource: "x"\n---\n\n# 1 A\n\nT.\n');
    expect(() => loadKnowledge(dir)).toThrow(/a\.md: onbekend bestuur nergens/);
  });

  it('parses headings, numbers, template marks and duplicate numbers', () => {
    const sections = parsePlanBody(
      '# 1 Inleiding\n\nTekst.\n\n# Bijlage 1 Format\n\n<!-- baken:template -->\n\nVul in.\n\n## 1 Inleiding\n\n<!-- baken:template -->\n\n(Naam school) doet mee.\n\n### Leerkracht\n\n- punt een\n- punt twee\n\n| a | b |\n| --- | --- |\n| c | d |\n',
    );
    expect(sections.map((s) => s.id)).toEqual(['1', 'bijlage-1', 'bijlage-1/1', 'leerkracht']);
    expect(sections.map((s) => s.isTemplate)).toEqual([false, true, true, true]);
    expect(sections[3].parents).toEqual(['Bijlage 1 Format', '1 Inleiding']);
    expect(sections[3].text).toBe('- punt een\n- punt twee\n\na | b\nc | d');
  });
});
