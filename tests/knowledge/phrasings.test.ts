import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createKnowledgeService } from '../../src/knowledge';
import { writeDraftPhrasings } from '../../src/knowledge/import/phrasings-draft';
import { citationsIn, formatLint, lintPlan } from '../../src/knowledge/lint';
import { loadPhrasings } from '../../src/knowledge/phrasings';
import type { PlanDocument, PlanSection, School } from '../../src/knowledge/types';

const root = path.resolve(__dirname, '../..');
const section = (id: string, title: string, text: string, isTemplate = false): PlanSection => ({ id, number: id, title, level: 2, parents: [], text, isTemplate });
const doc: PlanDocument = {
  id: 'alpha', title: 'Plan Alpha', scope: { level: 'school', board: 'b1', schools: ['alpha'] }, source: 'a.txt',
  sections: [
    section('1', 'Medisch handelen', 'Voorbehouden medische handelingen verrichten leerkrachten niet.'),
    section('2', 'Klachten', 'School specifiek, bij wie kunnen ouders terecht met klachten. Een klacht bespreekt u eerst met de leerkracht.'),
    section('3', 'Vaststelling', 'Op datum heeft het bestuur dit plan vastgesteld.'),
  ],
};
const schools: School[] = [{ id: 'alpha', name: 'School Alpha', board: 'b1', code: 'ALP' }];

let dir: string;
/** A knowledge folder of its own (as KNOWLEDGE_DIR would point to): analysis data copied, no phrasings yet. */
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-phrasings-'));
  fs.mkdirSync(path.join(dir, 'analysis'));
  fs.copyFileSync(path.join(root, 'knowledge', 'thesaurus.json'), path.join(dir, 'thesaurus.json'));
  fs.copyFileSync(path.join(root, 'knowledge', 'analysis', 'stopwords.json'), path.join(dir, 'analysis', 'stopwords.json'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const writePhrasings = (data: unknown, name = 'alpha.json') => {
  fs.mkdirSync(path.join(dir, 'phrasings'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'phrasings', name), typeof data === 'string' ? data : JSON.stringify(data));
};

describe('phrasings as data next to the plan', () => {
  test('a knowledge folder without phrasings still answers', () => {
    expect(loadPhrasings(dir).phrasings.size).toBe(0);
    const service = createKnowledgeService({ documents: [doc], schools }, dir, path.join(root, 'cards'), undefined, () => undefined);
    expect(service.answerPolicy('alpha', 'wat doen we met een klacht?').answer.sources[0]?.sectionId).toBe('2');
  });

  test('are read from the knowledge folder passed in, and find a section by words its text lacks', () => {
    writePhrasings({ doc: 'alpha', sections: { '1': { heading: '1 Medisch handelen', nl: ['mag ik een insulinepen zetten?'], en: ['may I give an insulin injection?'] } } });
    const service = createKnowledgeService({ documents: [doc], schools }, dir, path.join(root, 'cards'), undefined, () => undefined);
    // Found (whether a one-sentence plan is evidence enough to answer is the abstention's calibration, not this test's).
    expect(service.answerPolicy('alpha', 'insulinepen zetten, mag dat?').hits[0]?.passage.sectionId).toBe('1');
  });

  test('a half-written file is skipped with a problem, never fatal', () => {
    writePhrasings('{"doc": "alpha", "sections": {"1": {"nl": ["wat');
    const problems: string[] = [];
    expect(() => createKnowledgeService({ documents: [doc], schools }, dir, path.join(root, 'cards'), undefined, (m) => problems.push(m))).not.toThrow();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/alpha\.json/);
  });
});

describe('knowledge lint', () => {
  test('lists sections without phrasings, drafts, unknown sections and unfilled values', () => {
    writePhrasings({ doc: 'alpha', sections: { '1': { nl: ['insulinepen?'], en: [] }, '2': { nl: ['klacht?'], en: [], draft: true }, '9': { nl: ['weg'], en: [] } } });
    const lint = lintPlan(doc, loadPhrasings(dir).phrasings);
    expect(lint.withoutPhrasings).toEqual(['3 Vaststelling']);
    expect(lint.draftPhrasings).toEqual(['2 Klachten']);
    expect(lint.unknownSections).toEqual(['9']);
    expect(lint.unfilled.map((u) => u.section)).toEqual(['2 Klachten', '3 Vaststelling']);
    expect(formatLint([lint]).problems).toBe(2);
  });
});

describe('directory citations in the lint', () => {
  test('a citation of a section the plan lacks, or of a quote not in it, is listed; a path and punctuation do not matter', () => {
    const data = {
      plans: [{ doc: 'alpha', entries: [
        { citation: { doc: 'alpha', section: '1 Medisch handelen', quote: 'Voorbehouden medische handelingen verrichten…' } },
        { holders: [{ citation: { doc: 'alpha', section: 'Bijlage › 2 Klachten', quote: 'een klacht bespreekt u EERST met de leerkracht' } }] },
        { citation: { doc: 'alpha', section: 'Tijdsplanning', quote: 'Voorbehouden' } },
        { citation: { doc: 'alpha', section: '3 Vaststelling', quote: 'het bestuur heeft het plan nooit vastgesteld' } },
        { citation: { doc: 'beta', section: 'Elders', quote: 'niet van dit plan' } },
      ] }],
    };
    const lint = lintPlan(doc, new Map(), citationsIn(data));
    expect(lint.citations).toEqual([
      { section: 'Tijdsplanning', quote: 'Voorbehouden', problem: 'section' },
      { section: '3 Vaststelling', quote: 'het bestuur heeft het plan nooit vastgesteld', problem: 'quote' },
    ]);
    expect(formatLint([lint]).text).toMatch(/directory citations that do not match the plan \(2\)/);
  });
});

describe('draft phrasings for a newly imported plan', () => {
  test('sections without phrasings get drafts from their heading, marked draft; existing phrasings are kept', () => {
    writePhrasings({ doc: 'alpha', sections: { '1': { heading: '1 Medisch handelen', nl: ['mag ik een insulinepen zetten?'], en: [] } } });
    expect(writeDraftPhrasings(dir, doc)).toBe(2);
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'phrasings', 'alpha.json'), 'utf8'));
    expect(written.sections['1']).toEqual({ heading: '1 Medisch handelen', nl: ['mag ik een insulinepen zetten?'], en: [] });
    expect(written.sections['2']).toMatchObject({ heading: '2 Klachten', draft: true });
    expect(written.sections['2'].nl).toContain('wat staat er in ons plan over klachten?');
    expect(writeDraftPhrasings(dir, doc)).toBe(0);
  });
});
