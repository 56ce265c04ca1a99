/**
 * Moves an existing lowdb store into PostgreSQL (a board that starts running several instances):
 *   npm run store:migrate -- --from data/baken.json --to postgresql://baken@db.example/baken
 * Copies reports (with their ids, versions and chronologies), drafts, profiles, conversation references,
 * feedback, the answer records a 👍/👎 is tied to (kept 30 days) and the candidate phrasings (with their ids and
 * decisions); then reads every item back from PostgreSQL and compares it. Idempotent: only what PostgreSQL does
 * not have yet is added, so a second run (even after Baken ran on PostgreSQL) never overwrites newer data. Not copied: teams-ai conversation state (rebuilt by the next turn) and outbox jobs
 * (the draft sweep queues due reminders again). Stop Baken first: the file store's lock guarantees a
 * consistent copy. Prints counts; exits 1 when anything differs.
 */
import type { Store } from '../store';
import { openLowdbStore } from '../store/lowdb';
import { openPostgresStore } from '../store/postgres';
import { sameJson } from '../store/rules';
import { runCli } from './run';

export interface MigrationCounts {
  reports: { source: number; added: number; present: number };
  drafts: number;
  profiles: number;
  conversations: number;
  feedback: number;
  /** Answer records (what was asked and cited, for a later 👍/👎 on that answer). */
  answers: number;
  /** Candidate phrasings from 👍 (npm run feedback -- review), with their decisions. */
  candidates: number;
  /** Items whose copy in PostgreSQL differs from the source (must be 0). */
  mismatches: string[];
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

export async function migrateStore(from: Store, to: Store): Promise<MigrationCounts> {
  const counts: MigrationCounts = { reports: { source: 0, added: 0, present: 0 }, drafts: 0, profiles: 0, conversations: 0, feedback: 0, answers: 0, candidates: 0, mismatches: [] };
  const { reports } = await from.reports.list({ limit: Number.MAX_SAFE_INTEGER });
  counts.reports.source = reports.length;
  for (const report of [...reports].reverse()) {
    if (await to.reports.import(report)) counts.reports.added++;
    else counts.reports.present++;
  }
  // Only what PostgreSQL does not have yet: a second run, or one after Baken ran on PostgreSQL, never
  // replaces newer data with the file's older copy.
  const drafts = await from.drafts.listUpdatedBefore(FAR_FUTURE);
  for (const draft of drafts) if (!(await to.drafts.get(draft.id))) await to.drafts.save(draft);
  counts.drafts = drafts.length;
  const profiles = await from.profiles.entries();
  for (const [key, profile] of profiles) if (!(await to.profiles.get(key))) await to.profiles.put(key, profile);
  counts.profiles = profiles.length;
  const conversations = await from.conversations.entries();
  for (const [key, ref] of conversations) if (!(await to.conversations.get(key))) await to.conversations.put(key, ref);
  counts.conversations = conversations.length;
  const feedback = await from.feedback.list();
  const present = new Set((await to.feedback.list()).map((f) => f.id));
  for (const entry of feedback) if (!present.has(entry.id)) await to.feedback.add(entry);
  counts.feedback = feedback.length;
  // A rating may still come for an answer sent before the move.
  const answers = await from.feedback.listAnswers();
  for (const a of answers) if (!(await to.feedback.getAnswer(a.id))) await to.feedback.recordAnswer(a);
  counts.answers = answers.length;
  // Candidates keep their id (admins type it) and their decision; a decided one is never re-opened.
  const candidates = await from.feedback.listCandidates();
  for (const c of candidates) {
    if (await to.feedback.getCandidate(c.id)) continue;
    const stored = await to.feedback.proposeCandidate({ ...c, status: 'candidate', decidedAt: undefined });
    if (c.status !== 'candidate' && stored.id === c.id) await to.feedback.decideCandidate(c.id, c.status, c.decidedAt ?? c.createdAt);
  }
  counts.candidates = candidates.length;

  // Read everything back: the copy must equal the source (a newer version in PostgreSQL counts as present).
  for (const r of reports) {
    const copy = await to.reports.get(r.id);
    if (!copy || (copy.version === r.version && !sameJson(copy, r))) counts.mismatches.push(`report ${r.id}`);
  }
  for (const d of drafts) if (!(await to.drafts.get(d.id))) counts.mismatches.push(`draft ${d.id}`);
  for (const [key] of profiles) if (!(await to.profiles.get(key))) counts.mismatches.push(`profile ${key}`);
  for (const [key] of conversations) if (!(await to.conversations.get(key))) counts.mismatches.push(`conversation ${key}`);
  const copied = new Map((await to.feedback.list()).map((f) => [f.id, f]));
  for (const f of feedback) if (!sameJson(copied.get(f.id), f)) counts.mismatches.push(`feedback ${f.id}`);
  for (const a of answers) if (!(await to.feedback.getAnswer(a.id))) counts.mismatches.push(`answer ${a.id}`);
  for (const c of candidates) {
    const got = await to.feedback.getCandidate(c.id);
    if (!got || got.status !== c.status || got.question !== c.question) counts.mismatches.push(`candidate ${c.id}`);
  }
  return counts;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  const fromFile = option(argv, '--from');
  const toUrl = option(argv, '--to');
  if (!fromFile || !toUrl || !/^postgres(ql)?:\/\//.test(toUrl)) {
    out('gebruik / usage: npm run store:migrate -- --from <DATA_FILE> --to <postgresql://…>');
    return 64;
  }
  const from = await openLowdbStore(fromFile);
  let to: Store | undefined;
  try {
    to = await openPostgresStore({ url: toUrl });
    const c = await migrateStore(from, to);
    out(`meldingen: ${c.reports.source} in het bestand, ${c.reports.added} toegevoegd, ${c.reports.present} waren er al`);
    out(`concepten: ${c.drafts}, profielen: ${c.profiles}, gesprekken: ${c.conversations}, feedback: ${c.feedback}, antwoorden: ${c.answers}, kandidaat-formuleringen: ${c.candidates}`);
    if (c.mismatches.length) {
      out(`VERSCHILLEN na het kopiëren (${c.mismatches.length}): ${c.mismatches.slice(0, 10).join(', ')}`);
      return 1;
    }
    out('Alles teruggelezen uit PostgreSQL: gelijk aan het bestand. Start Baken nu met DATABASE_URL.');
    return 0;
  } finally {
    await to?.close();
    await from.close();
  }
}

if (require.main === module) runCli(main);
