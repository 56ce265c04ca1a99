import * as path from 'path';
import { DirectoryService, WHO_CONFIDENCE_THRESHOLD, type DirectoryLogger } from '../directory';
import { createKnowledgeService, type KnowledgeService } from '../knowledge';
import type { AskReply, AskService as EdgeAskService } from './service';
import { plainQuote, plainText as plain } from '../knowledge/analysis/normalize';
import { loadKnowledge } from '../knowledge/load';
import { planAppliesTo } from '../knowledge/scope';
import type { Answer, AnswerSource } from '../knowledge/answer';
import { MAX_PASSAGE, sectionDisplayTitle, type Passage } from '../knowledge/passages';

/** What the bot and the CLI call: a staff question in, one reply out (a policy passage or a contact). */
export interface AskService extends EdgeAskService {
  ask(schoolId: string, question: string): AskReply;
  knowledge: KnowledgeService;
  directory: DirectoryService;
}

export interface AskOptions {
  knowledgeDir: string;
  cardsDir: string;
  logger?: DirectoryLogger;
}

/**
 * Routes a question: a who/contact question the directory is sure of goes to the directory (never another
 * school's person; a role the school's plans lack is an honest abstention), everything else to the plans.
 */
export function buildAsk(options: AskOptions): AskService {
  const kb = loadKnowledge(options.knowledgeDir);
  const knowledge = createKnowledgeService(kb, options.knowledgeDir, options.cardsDir);
  const directory = new DirectoryService({
    file: path.join(options.knowledgeDir, 'directory.json'),
    schoolsFile: path.join(options.knowledgeDir, 'schools.json'),
    cardsDir: options.cardsDir,
    logger: options.logger,
  });
  /**
   * A question that asks for someone, answered from the plans out of a section that is about one role ("2.6.2 Externe
   * vertrouwenspersoon", "De anti pest coördinator"), gets that role's people at the school with the plan's answer: the
   * question did not name the role, the section it led to does. Only people the plan names; an unnamed role adds nothing.
   */
  function withRoleContacts(schoolId: string, question: string, answer: Answer): Answer {
    const top = answer.abstained ? undefined : answer.sources[0];
    if (!top || answer.contacts.length > 0) return answer;
    // The section's title first: few sections are about one role, and reading the question again costs more.
    const roleId = directory.roleNamedIn(top.section.replace(/^[\d.]+\s+/, ''));
    if (!roleId || !directory.asksForSomeone(question)) return answer;
    const role = directory.answerRole(schoolId, roleId, answer.lang);
    if (!role || role.contacts.every((c) => !c.name)) return answer;
    return { ...answer, contacts: role.contacts.filter((c) => c.name) };
  }

  return {
    knowledge,
    directory,
    ask(schoolId, fullQuestion) {
      // A question is a sentence or two; a pasted document would only cost time (Teams allows ~28 KB).
      const question = fullQuestion.slice(0, MAX_QUESTION_CHARS);
      const policy = knowledge.answerPolicy(schoolId, question);
      const who = directory.answerWho(schoolId, question, policy.answer.lang);
      if (!who || who.intent.confidence < WHO_CONFIDENCE_THRESHOLD) return withRoleContacts(schoolId, question, policy.answer);
      // Only a topic matched a role the school's plans lack ("wie is eindverantwoordelijk voor sociale
      // veiligheid?"): the plan's text may well answer it, so the policy answer goes first.
      if (who.state === 'absent' && !who.intent.explicitRole && !who.intent.person && !policy.answer.abstained) return policy.answer;
      if (who.state === 'absent') {
        return { lang: who.lang, abstained: true, answer: who.text, sources: [], contacts: [], who };
      }
      // The plan's own passage about the role (the one holding the cited words) is the first source ("toon hele sectie", citation).
      // The plan's passages on the question follow it: a who-question is often also a question about the role.
      const source = who.citation ? citedSection(knowledge, who.citation) : undefined;
      const others = policy.answer.sources.filter((s) => !(source && s.doc === source.doc && s.sectionId === source.sectionId));
      const sources = [...(source ? [source] : []), ...others].slice(0, MAX_WHO_SOURCES);
      return { ...policy.answer, abstained: false, answer: who.text, sources, contacts: who.contacts, who };
    },
    section: (docId, sectionId) => knowledge.section(docId, sectionId),
    planAppliesTo(docId, schoolId) {
      const doc = kb.documents.find((d) => d.id === docId);
      const school = kb.schools.find((s) => s.id === schoolId);
      return Boolean(doc && school && planAppliesTo(doc, school));
    },
  };
}

const MAX_WHO_SOURCES = 3;
const MAX_QUESTION_CHARS = 1000;


/** Per plan (its passages as the index holds them), each passage with its folded text, made on first use. */
const plainCache = new WeakMap<readonly Passage[], { passage: Passage; plain: string }[]>();

function plainPassages(passages: readonly Passage[]): { passage: Passage; plain: string }[] {
  let cached = plainCache.get(passages);
  if (!cached) {
    cached = passages.map((passage) => ({ passage, plain: plain(passage.text) }));
    plainCache.set(passages, cached);
  }
  return cached;
}

/**
 * The passage a directory citation points to, as an answer source: the part of the plan that holds the quoted
 * words. The cited section comes first, then its subsections, then any section (a citation may name a chapter
 * whose text sits in its subsections, or a long section whose first 1,500 characters miss the quote). Without
 * the quote anywhere, the cited section itself when it has text.
 */
function citedSection(knowledge: KnowledgeService, citation: { doc: string; section: string; quote: string }): AnswerSource | undefined {
  const doc = knowledge.documents.find((d) => d.id === citation.doc);
  if (!doc) return undefined;
  const wanted = citation.section.trim().toLowerCase();
  const quote = plainQuote(citation.quote);
  const holding = quote ? plainPassages(knowledge.passages(doc.id)).filter((p) => p.plain.includes(quote)).map((p) => p.passage) : [];
  const titled = (p: Passage) => p.sectionTitle.toLowerCase() === wanted;
  const under = (p: Passage) => p.parents.some((t) => wanted.endsWith(t.trim().toLowerCase()));
  const passage = holding.find(titled) ?? holding.find(under) ?? holding[0];
  if (passage) {
    return { doc: doc.id, docTitle: doc.title, sectionId: passage.sectionId, section: passage.sectionTitle, text: passage.text, score: 0 };
  }
  const section = doc.sections.find((s) => sectionDisplayTitle(s).toLowerCase() === wanted);
  if (!section || !section.text.trim()) return undefined;
  return {
    doc: doc.id,
    docTitle: doc.title,
    sectionId: section.id,
    section: sectionDisplayTitle(section),
    text: section.text.slice(0, MAX_PASSAGE),
    score: 0,
  };
}

export type { AskReply, SectionView } from './service';
export { askCatalogue, type AskCatalogue } from './catalogue';
