/**
 * Learning from use, for the admin: questions staff rated 👍 (Teams' own feedback buttons under an answer) are
 * *candidate* phrasings of the section the answer cited. Nothing is added automatically: a thumbs-up can be wrong
 * or malicious.
 *   npm run feedback -- review                   candidates (id, plan, section, question, votes) and 👍/👎 per section
 *   npm run feedback -- review --accept <id>     adds the question to knowledge/phrasings/<plan>.json, marks it accepted
 *   npm run feedback -- review --reject <id>     marks it rejected
 * Uses the store the bot uses (DATABASE_URL, else DATA_FILE) and the knowledge folder (KNOWLEDGE_DIR, default
 * knowledge/). With the lowdb file store the listing works while Baken runs (read without the lock); accepting or
 * rejecting writes, so stop Baken first. Phrasings are read at start: restart Baken after accepting.
 */
import * as path from 'path';
import { loadStoreConfig } from '../config';
import { displayTitle, loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { addPhrasing } from '../knowledge/phrasings-add';
import { FeedbackLog, openStore, type PhrasingCandidate, type Store } from '../store';
import { openLowdbStore } from '../store/lowdb';
import { formatDateTime, systemClock } from '../time';
import { runCli } from './run';

const USAGE = [
  'gebruik / usage:',
  '  npm run feedback -- review                   kandidaat-formuleringen en beoordelingen per sectie',
  '  npm run feedback -- review --accept <id>     neem de vraag op als formulering van haar sectie',
  '  npm run feedback -- review --reject <id>     wijs de kandidaat af',
].join('\n');

type Out = (line: string) => void;

interface Request {
  decision?: 'accepted' | 'rejected';
  id?: string;
}

function parseArgs(argv: string[]): Request | undefined {
  const [command, ...rest] = argv;
  if (command !== 'review') return undefined;
  const accept = rest.indexOf('--accept');
  const reject = rest.indexOf('--reject');
  if (accept >= 0 && reject >= 0) return undefined;
  const at = accept >= 0 ? accept : reject;
  if (at < 0) return rest.length === 0 ? {} : undefined;
  const id = rest[at + 1];
  if (!id || id.startsWith('--') || rest.length !== 2) return undefined;
  return { decision: accept >= 0 ? 'accepted' : 'rejected', id };
}

/** "conexus › 2.7 Incidentenregistratie", or the bare id when the plan no longer has the section. */
function sectionLabel(kb: KnowledgeBase, doc: string, sectionId: string): string {
  const section = kb.documents.find((d) => d.id === doc)?.sections.find((s) => s.id === sectionId);
  return `${doc} › ${section ? displayTitle(section) : `${sectionId} (niet meer in het plan)`}`;
}

async function list(log: FeedbackLog, kb: KnowledgeBase, out: Out): Promise<void> {
  const candidates = await log.review();
  if (!candidates.length) out('Geen kandidaat-formuleringen die op een beoordeling wachten.');
  else {
    out(`${candidates.length} kandidaat-formulering${candidates.length === 1 ? '' : 'en'}: vragen die collega's met 👍 beoordeelden, als formulering van de sectie die het antwoord noemde.`);
    out('Neem alleen op wat bij die sectie hoort en zo gevraagd wordt; wijs af wat namen of andere persoonsgegevens bevat.');
    for (const { candidate: c, votes, sectionUp, sectionDown } of candidates) {
      out(`  ${c.id}  ${sectionLabel(kb, c.doc, c.sectionId)}  [${c.lang}]  stemmen: ${votes}  (sectie: 👍 ${sectionUp} · 👎 ${sectionDown})`);
      out(`              ${c.question}`);
    }
    out('Opnemen: npm run feedback -- review --accept <id>   Afwijzen: npm run feedback -- review --reject <id>');
  }
  const ratings = await log.sectionRatings();
  out('');
  if (!ratings.length) {
    out('Nog geen beoordelingen van antwoorden.');
    return;
  }
  out('Beoordelingen per sectie (👍 · 👎), meeste 👎 eerst:');
  for (const r of ratings) {
    const label = r.doc && r.sectionId ? sectionLabel(kb, r.doc, r.sectionId) : '(geen antwoord: Baken wist het niet)';
    out(`  👍 ${String(r.up).padStart(3)} · 👎 ${String(r.down).padStart(3)}  ${label}`);
  }
}

function decided(c: PhrasingCandidate): string {
  const what = c.status === 'accepted' ? 'opgenomen' : 'afgewezen';
  return `Kandidaat ${c.id} is al ${what}${c.decidedAt ? ` (${formatDateTime(c.decidedAt)})` : ''}; er verandert niets.`;
}

async function decide(log: FeedbackLog, kb: KnowledgeBase, knowledgeDir: string, request: Required<Request>, out: Out): Promise<number> {
  const candidate = await log.getCandidate(request.id);
  if (!candidate) {
    out(`Geen kandidaat met id ${request.id}. De open kandidaten staan in: npm run feedback -- review`);
    return 1;
  }
  if (candidate.status !== 'candidate') {
    out(decided(candidate));
    return 1;
  }
  const label = sectionLabel(kb, candidate.doc, candidate.sectionId);
  if (request.decision === 'rejected') {
    const done = await log.decide(candidate.id, 'rejected');
    if (!done) {
      out(`Kandidaat ${candidate.id} is intussen al beoordeeld; er verandert niets.`);
      return 1;
    }
    out(`Afgewezen: "${candidate.question}" (${label}). Er is niets aan de formuleringen veranderd.`);
    return 0;
  }
  const section = kb.documents.find((d) => d.id === candidate.doc)?.sections.find((s) => s.id === candidate.sectionId);
  if (!section) {
    out(`Sectie ${candidate.sectionId} staat niet (meer) in plan ${candidate.doc}: ik voeg niets toe. Wijs de kandidaat af met --reject ${candidate.id}.`);
    return 1;
  }
  // The file first: if marking fails, accepting again finds the phrasing already there and only marks it.
  const result = addPhrasing(knowledgeDir, { doc: candidate.doc, sectionId: candidate.sectionId, heading: displayTitle(section), lang: candidate.lang, text: candidate.question });
  const done = await log.decide(candidate.id, 'accepted');
  if (!done) {
    out(`Kandidaat ${candidate.id} is intussen al beoordeeld; de formulering staat in ${path.relative(process.cwd(), result.file)}.`);
    return 1;
  }
  const file = path.relative(process.cwd(), result.file) || result.file;
  out(
    result.added
      ? `Opgenomen: "${candidate.question}" staat nu bij ${label} [${candidate.lang}] in ${file}.`
      : `Opgenomen: "${candidate.question}" stond al bij ${label} in ${file}; niets toegevoegd.`,
  );
  out('Herstart Baken om de formulering te gebruiken (formuleringen worden bij de start gelezen); controleer met npm run knowledge:lint.');
  return 0;
}

export async function main(argv: string[], out: Out = (s) => process.stdout.write(`${s}\n`), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const request = parseArgs(argv);
  if (!request) {
    out(USAGE);
    return 64;
  }
  const knowledgeDir = path.resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
  const kb = loadKnowledge(knowledgeDir);
  const config = loadStoreConfig(env);
  // Looking only: the lowdb file store is read without its lock, so this works while Baken runs.
  const store: Store =
    !request.decision && !config.databaseUrl
      ? await openLowdbStore(config.dataFile, { readOnly: true })
      : await openStore({ dataFile: config.dataFile, databaseUrl: config.databaseUrl });
  try {
    const log = new FeedbackLog(store.feedback, systemClock);
    if (!request.decision || !request.id) {
      await list(log, kb, out);
      return 0;
    }
    return await decide(log, kb, knowledgeDir, { decision: request.decision, id: request.id }, out);
  } finally {
    await store.close();
  }
}

if (require.main === module) runCli(main);
