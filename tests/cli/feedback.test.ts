import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/feedback';
import { lintPlan } from '../../src/knowledge/lint';
import { loadKnowledge } from '../../src/knowledge/load';
import { loadPhrasings } from '../../src/knowledge/phrasings';
import { addPhrasing } from '../../src/knowledge/phrasings-add';
import { FeedbackLog, type PhrasingCandidate } from '../../src/store';
import { openLowdbStore } from '../../src/store/lowdb';
import { testClock } from '../support/clock';
import { makeTempDir } from '../support/temp-dir';

const PROJECT_KNOWLEDGE = path.resolve(__dirname, '..', '..', 'knowledge');

/** The admin's review of phrasing candidates, on a lowdb store and a temp copy of the knowledge folder. */
describe('npm run feedback -- review (admin: candidate phrasings from 👍)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dataFile: string;
  let knowledgeDir: string;
  let env: NodeJS.ProcessEnv;
  let conexus: string;
  let original: string;
  const run = async (...argv: string[]): Promise<{ code: number; out: string }> => {
    const lines: string[] = [];
    const code = await main(argv, (s) => lines.push(s), env);
    return { code, out: lines.join('\n') };
  };

  /** Ratings as the bot stores them: an answer record per question, then the asker's 👍 or 👎. */
  async function seed(): Promise<Record<string, PhrasingCandidate>> {
    const store = await openLowdbStore(dataFile);
    const log = new FeedbackLog(store.feedback, testClock());
    const found: Record<string, PhrasingCandidate> = {};
    let n = 0;
    const rated = async (name: string, userKey: string, vote: 'up' | 'down', question: string, cited: { doc?: string; sectionId?: string }, lang: 'nl' | 'en' = 'nl') => {
      const answer = await log.recordAnswer({ conversationId: `a:${userKey}`, activityId: String(++n), userKey, schoolId: 'conexus', question, ...cited, abstained: !cited.doc, lang });
      const { candidate } = await log.rate(answer, vote);
      if (candidate) found[name] = candidate;
    };
    const incident = { doc: 'conexus', sectionId: '2.7' };
    await rated('incident', 'anna', 'up', 'Waar zet ik een incident in?', incident);
    await rated('incident2', 'bram', 'up', 'waar zet ik een INCIDENT in', incident);
    await rated('incident3', 'anna', 'up', 'Waar zet ik een incident in ?', incident);
    await rated('none', 'carla', 'down', 'Waar zet ik een incident in?', incident);
    await rated('english', 'dirk', 'up', 'Where do I log a fight between pupils?', incident, 'en');
    await rated('present', 'eva', 'up', 'Waar registreer ik een incident', incident);
    await rated('roles', 'anna', 'up', 'Wie doet wat bij een incident?', { doc: 'conexus', sectionId: '4.1' });
    await rated('gone', 'anna', 'up', 'Staat dit nog in het plan?', { doc: 'conexus', sectionId: '99.9' });
    await rated('abstained', 'frank', 'down', 'Iets onbekends?', {});
    await store.close();
    return found;
  }

  beforeEach(() => {
    tmp = makeTempDir();
    dataFile = path.join(tmp.dir, 'data', 'baken.json');
    knowledgeDir = path.join(tmp.dir, 'knowledge');
    fs.cpSync(PROJECT_KNOWLEDGE, knowledgeDir, { recursive: true });
    env = { DATA_FILE: dataFile, KNOWLEDGE_DIR: knowledgeDir };
    conexus = path.join(knowledgeDir, 'phrasings', 'conexus.json');
    original = fs.readFileSync(conexus, 'utf8');
  });
  afterEach(() => tmp.cleanup());

  test('review lists candidates (id, plan › section, question, distinct voters) and 👍/👎 per section, while the bot holds the store', async () => {
    const c = await seed();
    // One candidate per folded question: case, spacing and final punctuation do not count.
    expect(c.incident2.id).toBe(c.incident.id);
    expect(c.incident3.id).toBe(c.incident.id);
    const bot = await openLowdbStore(dataFile);
    try {
      const { code, out } = await run('review');
      expect(code).toBe(0);
      expect(out).toContain('5 kandidaat-formuleringen');
      // Anna's 👍 twice counts once; Carla's 👎 is not a vote but shows in the section's ratings.
      expect(out).toContain(`${c.incident.id}  conexus › 2.7 Incidentenregistratie en -curatie  [nl]  stemmen: 2  (sectie: 👍 5 · 👎 1)`);
      expect(out).toContain('Waar zet ik een incident in?');
      expect(out).toContain(`${c.english.id}  conexus › 2.7 Incidentenregistratie en -curatie  [en]  stemmen: 1`);
      expect(out).toContain(`${c.roles.id}  conexus › 4.1 Rollen en taken`);
      expect(out).toContain(`${c.gone.id}  conexus › 99.9 (niet meer in het plan)`);
      expect(out).toContain('Beoordelingen per sectie');
      expect(out).toMatch(/👍 {3}0 · 👎 {3}1 {2}\(geen antwoord: Baken wist het niet\)/);
      expect(out).not.toContain('Iets onbekends');
    } finally {
      await bot.close();
    }
  });

  test('--accept adds the question to its section in the plan\'s phrasings file: one line, order and format kept, valid for loader and lint', async () => {
    const c = await seed();
    const accepted = await run('review', '--accept', c.incident.id);
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain('Opgenomen: "Waar zet ik een incident in?" staat nu bij conexus › 2.7 Incidentenregistratie en -curatie [nl]');
    expect(accepted.out).toContain('Herstart Baken');
    // Exactly one phrasing more, in place, after the section's last Dutch one (conexus.json: one-space indent;
    // "1", "2" stay after "1.1").
    const lastPhrasing: string = JSON.parse(original).sections['2.7'].nl.at(-1);
    const last = `${JSON.stringify(lastPhrasing)}\n`;
    expect(original.split(last)).toHaveLength(2);
    expect(fs.readFileSync(conexus, 'utf8')).toBe(original.replace(last, `${JSON.stringify(lastPhrasing)},\n    "Waar zet ik een incident in?"\n`));
    const { phrasings, problems } = loadPhrasings(knowledgeDir);
    expect(problems).toEqual([]);
    expect(phrasings.get('conexus')?.get('2.7')?.nl).toContain('Waar zet ik een incident in?');
    const plan = loadKnowledge(knowledgeDir).documents.find((d) => d.id === 'conexus')!;
    expect(lintPlan(plan, phrasings).unknownSections).toEqual([]);

    // An English question goes to the English phrasings.
    expect((await run('review', '--accept', c.english.id)).code).toBe(0);
    expect(loadPhrasings(knowledgeDir).phrasings.get('conexus')?.get('2.7')?.en).toContain('Where do I log a fight between pupils?');

    // Accepted is final: a second accept changes nothing.
    const before = fs.readFileSync(conexus, 'utf8');
    const again = await run('review', '--accept', c.incident.id);
    expect(again).toEqual({ code: 1, out: expect.stringContaining(`Kandidaat ${c.incident.id} is al opgenomen`) });
    expect(fs.readFileSync(conexus, 'utf8')).toBe(before);

    // What the section already has (case and punctuation aside) is not added twice, but the candidate is settled.
    const present = await run('review', '--accept', c.present.id);
    expect(present.code).toBe(0);
    expect(present.out).toContain('stond al bij conexus › 2.7');
    expect(fs.readFileSync(conexus, 'utf8')).toBe(before);

    const listing = await run('review');
    expect(listing.out).not.toContain(c.incident.id);
    expect(listing.out).toContain('2 kandidaat-formuleringen');
  });

  test('--reject marks the candidate rejected and leaves the phrasings alone; unknown ids, vanished sections and bad usage are clear errors', async () => {
    const c = await seed();
    const rejected = await run('review', '--reject', c.roles.id);
    expect(rejected).toEqual({ code: 0, out: expect.stringContaining('Afgewezen: "Wie doet wat bij een incident?" (conexus › 4.1 Rollen en taken') });
    expect(fs.readFileSync(conexus, 'utf8')).toBe(original);
    expect((await run('review', '--accept', c.roles.id)).out).toContain('is al afgewezen');

    const gone = await run('review', '--accept', c.gone.id);
    expect(gone.code).toBe(1);
    expect(gone.out).toContain('Sectie 99.9 staat niet (meer) in plan conexus');
    expect(fs.readFileSync(conexus, 'utf8')).toBe(original);

    expect(await run('review', '--reject', 'bestaat-niet')).toEqual({ code: 1, out: expect.stringContaining('Geen kandidaat met id bestaat-niet') });
    for (const argv of [[], ['accept'], ['review', '--accept'], ['review', '--accept', 'a', '--reject', 'b'], ['review', '--oops']]) {
      expect(await run(...argv)).toEqual({ code: 64, out: expect.stringContaining('gebruik / usage') });
    }

    const store = await openLowdbStore(dataFile);
    try {
      expect(await store.feedback.getCandidate(c.roles.id)).toMatchObject({ status: 'rejected', decidedAt: expect.any(String) });
      expect(await store.feedback.getCandidate(c.gone.id)).toMatchObject({ status: 'candidate' });
    } finally {
      await store.close();
    }
  });

  test('with an empty store: nothing to review, said plainly', async () => {
    const { code, out } = await run('review');
    expect(code).toBe(0);
    expect(out).toContain('Geen kandidaat-formuleringen die op een beoordeling wachten.');
    expect(out).toContain('Nog geen beoordelingen van antwoorden.');
  });
});

describe('addPhrasing (the file edit behind --accept)', () => {
  test('a section without an entry gets one; a plan without a file gets a new file; the loader reads both', () => {
    const tmp = makeTempDir();
    try {
      const dir = path.join(tmp.dir, 'phrasings');
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'plan-a.json'), `${JSON.stringify({ doc: 'plan-a', sections: { '2': { heading: '2 Twee', nl: ['twee'], en: [] }, '1.1': { heading: '1.1 Een', nl: [] } } }, null, 2)}\n`);
      expect(addPhrasing(tmp.dir, { doc: 'plan-a', sectionId: '3', heading: '3 Drie', lang: 'nl', text: '  wat  staat er in drie? ' }).added).toBe(true);
      expect(addPhrasing(tmp.dir, { doc: 'plan-a', sectionId: '1.1', heading: '1.1 Een', lang: 'en', text: 'What is one?' }).added).toBe(true);
      expect(addPhrasing(tmp.dir, { doc: 'plan-a', sectionId: '2', heading: '2 Twee', lang: 'en', text: 'Twee!' }).added).toBe(false);
      const text = fs.readFileSync(path.join(dir, 'plan-a.json'), 'utf8');
      // Member order as in the file ("2" before "1.1"), the new section last.
      expect(text.indexOf('"2"')).toBeLessThan(text.indexOf('"1.1"'));
      expect(text.indexOf('"1.1"')).toBeLessThan(text.indexOf('"3"'));
      expect(JSON.parse(text).sections['3']).toEqual({ heading: '3 Drie', nl: ['wat staat er in drie?'], en: [] });
      expect(JSON.parse(text).sections['1.1']).toEqual({ heading: '1.1 Een', nl: [], en: ['What is one?'] });
      expect(text.endsWith('}\n')).toBe(true);

      expect(addPhrasing(tmp.dir, { doc: 'plan-b', sectionId: '1', heading: '1 Begin', lang: 'nl', text: 'hoe begin ik?' })).toEqual({ added: true, file: path.join(dir, 'plan-b.json') });
      const { phrasings, problems } = loadPhrasings(tmp.dir);
      expect(problems).toEqual([]);
      expect(phrasings.get('plan-b')?.get('1')?.nl).toEqual(['hoe begin ik?']);
      expect(phrasings.get('plan-a')?.get('3')?.nl).toEqual(['wat staat er in drie?']);

      fs.writeFileSync(path.join(dir, 'plan-c.json'), '{"doc": "plan-c", "sections": {"1": {"nl": "geen lijst"}}}');
      expect(() => addPhrasing(tmp.dir, { doc: 'plan-c', sectionId: '1', heading: '1', lang: 'nl', text: 'x?' })).toThrow(/plan-c\.json: sections\.1\.nl/);
    } finally {
      tmp.cleanup();
    }
  });
});
