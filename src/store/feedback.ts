import { createHash } from 'crypto';
import { foldPhrasing } from '../knowledge/phrasings-add';
import type { Clock } from '../time';
import { answerRecordId, type AnswerRecord, type FeedbackEntry, type FeedbackRepository, type PhrasingCandidate } from './contract';

/** How long a sent answer can be rated: after this its record (with the question) is pruned. */
export const ANSWER_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The stored question is cut here (a question, not a letter). */
const MAX_QUESTION = 1000;
/** Longer questions are not proposed as phrasings: a phrasing is what staff type to find a section. */
const MAX_CANDIDATE_QUESTION = 300;
const MIN_CANDIDATE_QUESTION = 3;

/** Whitespace flattened, trimmed. */
export function flattenQuestion(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One candidate per plan, section and folded question. */
export function candidateKey(doc: string, sectionId: string, question: string): string {
  return JSON.stringify([doc, sectionId, foldPhrasing(question)]);
}

function candidateId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 10);
}

/** A candidate as the admin reviews it: the distinct staff who rated it 👍, and the ratings of its section. */
export interface CandidateReview {
  candidate: PhrasingCandidate;
  /** Distinct people who rated an answer to this question (on this section) 👍. */
  votes: number;
  /** Every 👍 and 👎 on answers that cited this section. */
  sectionUp: number;
  sectionDown: number;
}

/** The ratings of answers that cited one section; doc and sectionId absent for answers that abstained. */
export interface SectionRating {
  doc?: string;
  sectionId?: string;
  up: number;
  down: number;
}

/**
 * Ratings of answers (Teams' own 👍/👎 under the answer message). Baken remembers each answer it sends (who asked,
 * what, which section it cited) so that a rating can be tied to it; a 👍 on an answer that cited a section proposes
 * the question as a phrasing of that section, for an admin to accept or reject (never automatically: a thumbs-up
 * can be wrong or malicious).
 */
export class FeedbackLog {
  private lastPrune = 0;
  /** Answer records being written, by id: a rating of one of them waits for its write (the turn did not). */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(private readonly repo: FeedbackRepository, private readonly clock: Clock) {}

  /**
   * Remembers a sent answer message; expired records are pruned at most once a day (per process). The write is
   * begun before this returns its promise, and `answer` waits for it: a caller need not await the durable write
   * before a rating can find the record.
   */
  async recordAnswer(input: Omit<AnswerRecord, 'id' | 'at'>): Promise<AnswerRecord> {
    const now = this.clock.now();
    const record: AnswerRecord = {
      ...input,
      id: answerRecordId(input.conversationId, input.activityId),
      at: now.toISOString(),
      question: flattenQuestion(input.question).slice(0, MAX_QUESTION),
    };
    const write = this.repo.recordAnswer(record);
    this.writing.set(record.id, write);
    try {
      await write;
    } finally {
      if (this.writing.get(record.id) === write) this.writing.delete(record.id);
    }
    if (now.getTime() - this.lastPrune >= DAY_MS) {
      this.lastPrune = now.getTime();
      await this.repo.pruneAnswers(new Date(now.getTime() - ANSWER_RETENTION_DAYS * DAY_MS).toISOString());
    }
    return record;
  }

  /** The answer message `activityId` of the conversation, while it can still be rated. */
  async answer(conversationId: string, activityId: string): Promise<AnswerRecord | undefined> {
    const id = answerRecordId(conversationId, activityId);
    // Its record may still be on its way to the store (ask.ts does not hold the turn for it); a failed write
    // leaves no record, which the lookup below then reports.
    await this.writing.get(id)?.catch(() => undefined);
    const record = await this.repo.getAnswer(id);
    const oldest = this.clock.now().getTime() - ANSWER_RETENTION_DAYS * DAY_MS;
    return record && Date.parse(record.at) >= oldest ? record : undefined;
  }

  /**
   * Stores a rating of `answer` (the caller checked it is the asker's own); a second rating of the same answer
   * replaces the first. A 👍 on an answer that cited a section proposes its question as a phrasing candidate.
   * Both writes are idempotent, so a retried rating repairs a half-done one.
   */
  async rate(answer: AnswerRecord, vote: 'up' | 'down', comment?: string): Promise<{ entry: FeedbackEntry; candidate?: PhrasingCandidate }> {
    const at = this.clock.now().toISOString();
    const entry: FeedbackEntry = {
      id: `answer-${answer.id}`,
      at,
      userKey: answer.userKey,
      schoolId: answer.schoolId,
      question: answer.question,
      ...(answer.doc && answer.sectionId ? { doc: answer.doc, sectionId: answer.sectionId } : {}),
      abstained: answer.abstained,
      vote,
      ...(comment ? { comment } : {}),
      lang: answer.lang,
      answerId: answer.id,
    };
    await this.repo.add(entry);
    const question = flattenQuestion(answer.question);
    const proposable =
      vote === 'up' && !answer.abstained && answer.doc && answer.sectionId && question.length >= MIN_CANDIDATE_QUESTION && question.length <= MAX_CANDIDATE_QUESTION;
    if (!proposable) return { entry };
    const key = candidateKey(answer.doc!, answer.sectionId!, question);
    const candidate = await this.repo.proposeCandidate({
      id: candidateId(key), key, doc: answer.doc!, sectionId: answer.sectionId!, question, lang: answer.lang, status: 'candidate', createdAt: at,
    });
    return { entry, candidate };
  }

  /** The open candidates with their votes and their section's ratings, oldest first. */
  async review(): Promise<CandidateReview[]> {
    const [candidates, entries] = await Promise.all([this.repo.listCandidates({ status: 'candidate' }), this.repo.list()]);
    const section = (doc: string, sectionId: string) => entries.filter((e) => e.doc === doc && e.sectionId === sectionId);
    return candidates.map((candidate) => {
      const rated = section(candidate.doc, candidate.sectionId);
      const voters = new Set(
        rated.filter((e) => e.vote === 'up' && !e.abstained && candidateKey(candidate.doc, candidate.sectionId, e.question) === candidate.key).map((e) => e.userKey),
      );
      return {
        candidate,
        votes: voters.size,
        sectionUp: rated.filter((e) => e.vote === 'up').length,
        sectionDown: rated.filter((e) => e.vote === 'down').length,
      };
    });
  }

  /** 👍 and 👎 per cited section (abstentions together), most 👎 first. */
  async sectionRatings(): Promise<SectionRating[]> {
    const bySection = new Map<string, SectionRating>();
    for (const e of await this.repo.list()) {
      const cited = e.doc && e.sectionId ? { doc: e.doc, sectionId: e.sectionId } : {};
      const key = JSON.stringify([cited.doc ?? '', cited.sectionId ?? '']);
      const rating = bySection.get(key) ?? { ...cited, up: 0, down: 0 };
      rating[e.vote]++;
      bySection.set(key, rating);
    }
    return [...bySection.values()].sort((a, b) => b.down - a.down || b.up - a.up);
  }

  getCandidate(id: string): Promise<PhrasingCandidate | undefined> {
    return this.repo.getCandidate(id);
  }

  decide(id: string, decision: 'accepted' | 'rejected'): Promise<PhrasingCandidate | undefined> {
    return this.repo.decideCandidate(id, decision, this.clock.now().toISOString());
  }
}
