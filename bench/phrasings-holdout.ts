/**
 * `npm run bench:holdout`: how Ask does on ways of asking it has never indexed. The section phrasings (written blind
 * from the section texts, never from an evaluation question) are cut into BENCH_FOLDS (default 5) folds by a stable
 * hash; for each fold a copy of the knowledge folder without that fold's phrasings is built, and each held-out
 * phrasing is asked of it as a policy question by a school the plan applies to. Printed per fold and in all: the
 * share abstained (a false abstention: every phrasing asks for its section), the share whose best source is the
 * phrasing's own section, and the share with it among the best three. Figures, never asserted; compare two commits
 * by running it on each. Development data: it says whether a change to ranking or abstention carries over to new
 * wording, not how the product does on staff's questions (that is the blind sets').
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createKnowledgeService } from '../src/knowledge';
import { loadKnowledge } from '../src/knowledge/load';
import { PhrasingsFileSchema, phrasingsDir, type PhrasingsFile } from '../src/knowledge/phrasings';
import { planAppliesTo } from '../src/knowledge/scope';
import { PROJECT_ROOT } from '../scripts/lib/baken-processes';

const FOLDS = Number(process.env.BENCH_FOLDS ?? 5);
const KNOWLEDGE_DIR = path.resolve(process.env.KNOWLEDGE_DIR ?? path.join(PROJECT_ROOT, 'knowledge'));
const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');

interface HeldOut {
  doc: string;
  sectionId: string;
  question: string;
}

/** FNV-1a: the same fold for the same phrasing on every machine and run. */
function foldOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % FOLDS;
}

function readPhrasings(dir: string): { file: string; data: PhrasingsFile }[] {
  const folder = phrasingsDir(dir);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, data: PhrasingsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8'))) }));
}

/** A copy of the knowledge folder without one fold's phrasings, and the phrasings held out. */
function foldCopy(fold: number, target: string): HeldOut[] {
  fs.cpSync(KNOWLEDGE_DIR, target, { recursive: true });
  const heldOut: HeldOut[] = [];
  for (const { file, data } of readPhrasings(target)) {
    for (const [sectionId, section] of Object.entries(data.sections)) {
      for (const lang of ['nl', 'en'] as const) {
        section[lang] = section[lang].filter((question) => {
          if (foldOf(`${data.doc}\u0000${sectionId}\u0000${lang}\u0000${question}`) !== fold) return true;
          heldOut.push({ doc: data.doc, sectionId, question });
          return false;
        });
      }
    }
    fs.writeFileSync(path.join(phrasingsDir(target), file), JSON.stringify(data));
  }
  return heldOut;
}

interface Tally {
  n: number;
  abstained: number;
  top1: number;
  top3: number;
}

const pct = (k: number, n: number): string => `${n ? ((100 * k) / n).toFixed(1) : '-'}%`.padStart(6);
const line = (label: string, t: Tally): string =>
  `${label.padEnd(10)} n=${String(t.n).padStart(5)}  abstained ${pct(t.abstained, t.n)}  own section first ${pct(t.top1, t.n)}  in the best three ${pct(t.top3, t.n)}`;

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-holdout-'));
  const total: Tally = { n: 0, abstained: 0, top1: 0, top3: 0 };
  console.log(`Held-out phrasings: ${FOLDS} folds of ${KNOWLEDGE_DIR}/phrasings, each asked of an index built without it`);
  try {
    for (let fold = 0; fold < FOLDS; fold++) {
      const dir = path.join(root, `fold-${fold}`);
      const heldOut = foldCopy(fold, dir);
      const kb = loadKnowledge(dir);
      const knowledge = createKnowledgeService(kb, dir, CARDS_DIR);
      const tally: Tally = { n: 0, abstained: 0, top1: 0, top3: 0 };
      for (const h of heldOut) {
        const doc = kb.documents.find((d) => d.id === h.doc);
        const school = doc && kb.schools.find((s) => planAppliesTo(doc, s));
        if (!school) continue;
        const { answer } = knowledge.answerPolicy(school.id, h.question);
        const own = (i: number): boolean => answer.sources[i]?.doc === h.doc && answer.sources[i]?.sectionId === h.sectionId;
        tally.n++;
        if (answer.abstained) tally.abstained++;
        else if (own(0)) tally.top1++;
        if (!answer.abstained && [0, 1, 2].some(own)) tally.top3++;
      }
      console.log(line(`fold ${fold + 1}`, tally));
      for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += tally[k];
      fs.rmSync(dir, { recursive: true, force: true });
    }
    console.log(line('all', total));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
