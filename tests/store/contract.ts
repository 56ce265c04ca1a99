import { answerRecordId, ConcurrencyError, type AnswerRecord, type NewReport, type PhrasingCandidate, type Store } from '../../src/store/contract';
import type { Draft, Report } from '../../src/reports/types';

/**
 * The one contract every store backend passes (lowdb file store, PostgreSQL). A backend's test file calls
 * `storeContract(name, harness)`; the harness opens a fresh, empty store and can reopen the same data
 * (a restart), so durability is part of the contract.
 */
export interface StoreHarness {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** The same data as the last store opened (after it was closed): a restart. */
  reopen(): Promise<Store>;
  /** Removes everything the harness made. */
  cleanup(): Promise<void>;
}

const T0 = '2026-03-10T09:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function newReport(over: Partial<NewReport> = {}): NewReport {
  return {
    code: 'CMP', year: 2026, school: 'de-campus', type: 'incident', category: 'pesten',
    fields: { facts: 'Op het plein geduwd.', pupils: ['5B J.d.V.'] },
    reporter: { id: 'aad-anna', name: 'Anna' }, lang: 'nl', draftId: `draft-${Math.random().toString(36).slice(2)}`,
    status: 'nieuw', schemaVersion: 1, createdAt: T0, submittedAt: T0,
    chronology: [{ at: T0, by: { id: 'aad-anna', name: 'Anna' }, kind: 'created', text: '' }],
    ...over,
  };
}

export function draft(over: Partial<Draft> = {}): Draft {
  return {
    id: `d-${Math.random().toString(36).slice(2)}`, userId: 'aad-anna', userName: 'Anna', school: 'de-campus', lang: 'nl',
    stepId: 'what', answers: {}, status: 'open', cardVersion: 1, createdAt: T0, updatedAt: T0, ...over,
  };
}

export function storeContract(name: string, harness: () => StoreHarness): void {
  describe(`store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await store.close().catch(() => undefined);
      await h.cleanup();
    });

    const restart = async (): Promise<Store> => {
      await store.close();
      store = await h.reopen();
      return store;
    };

    describe('reports', () => {
      test('ids per school code and year, gapless from 0001; version 1; durable across a restart', async () => {
        const a = await store.reports.create(newReport());
        const b = await store.reports.create(newReport());
        const c = await store.reports.create(newReport({ code: 'DNK', school: 'de-nieuwe-kring' }));
        const d = await store.reports.create(newReport({ year: 2027, submittedAt: '2027-01-05T09:00:00.000Z' }));
        expect([a.id, b.id, c.id, d.id]).toEqual(['CMP-2026-0001', 'CMP-2026-0002', 'DNK-2026-0001', 'CMP-2027-0001']);
        expect(a).toMatchObject({ version: 1, school: 'de-campus', fields: { facts: 'Op het plein geduwd.' } });
        expect(a).not.toHaveProperty('code');
        await restart();
        expect(await store.reports.get('CMP-2026-0002')).toEqual(b);
        expect((await store.reports.create(newReport())).id).toBe('CMP-2026-0003');
        expect(await store.reports.count()).toBe(5);
      });

      test('one draft is at most one report: the same draftId returns the first, and uses no id', async () => {
        const first = await store.reports.create(newReport({ draftId: 'same' }));
        const again = await store.reports.create(newReport({ draftId: 'same', fields: { facts: 'anders' } }));
        expect(again).toEqual(first);
        expect(await store.reports.findByDraft('same')).toEqual(first);
        expect((await store.reports.create(newReport())).id).toBe('CMP-2026-0002');
      });

      test('100 concurrent creates: 100 distinct ids 0001..0100, none lost', async () => {
        const made = await Promise.all(Array.from({ length: 100 }, () => store.reports.create(newReport())));
        const seqs = made.map((r) => Number(r.id.slice(-4))).sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        expect(await store.reports.count()).toBe(100);
      });

      test('update: optimistic concurrency on version; the chronology only grows', async () => {
        const r = await store.reports.create(newReport());
        const next: Report = { ...r, status: 'in-behandeling', version: 2, chronology: [...r.chronology, { at: at(5), by: { id: 'aad-dir' }, kind: 'note', text: 'opgepakt' }] };
        expect(await store.reports.update(next)).toEqual(next);
        // A writer that read version 1 loses.
        await expect(store.reports.update({ ...r, status: 'afgerond', version: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
        // Rewriting history is refused.
        await expect(store.reports.update({ ...next, version: 3, chronology: [{ ...next.chronology[0], text: 'herschreven' }, next.chronology[1]] })).rejects.toThrow(/chronolog/i);
        await expect(store.reports.update({ ...next, version: 3, chronology: next.chronology.slice(0, 1) })).rejects.toThrow(/chronolog/i);
        await expect(store.reports.update({ ...next, id: 'CMP-2026-0099', version: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
        await restart();
        expect(await store.reports.get(r.id)).toEqual(next);
      });

      test('list: filters, newest first, paging with the total', async () => {
        const made: Report[] = [];
        for (let i = 0; i < 7; i++) {
          made.push(await store.reports.create(newReport({ submittedAt: at(i), type: i % 2 ? 'ongeval' : 'incident', reporter: { id: i < 5 ? 'aad-anna' : 'aad-bob', name: 'x' } })));
        }
        made.push(await store.reports.create(newReport({ code: 'DNK', school: 'de-nieuwe-kring', submittedAt: at(10) })));
        const all = await store.reports.list({});
        expect(all.total).toBe(8);
        expect(all.reports.map((r) => r.id)).toEqual([...made].reverse().map((r) => r.id));
        const campus = await store.reports.list({ schools: ['de-campus'], limit: 3, offset: 2 });
        expect(campus.total).toBe(7);
        expect(campus.reports.map((r) => r.id)).toEqual(['CMP-2026-0005', 'CMP-2026-0004', 'CMP-2026-0003']);
        expect((await store.reports.list({ types: ['ongeval'] })).reports.map((r) => r.id)).toEqual(['CMP-2026-0006', 'CMP-2026-0004', 'CMP-2026-0002']);
        expect((await store.reports.list({ reporterId: 'aad-bob' })).total).toBe(2);
        expect((await store.reports.list({ submittedFrom: at(2), submittedTo: at(4) })).reports.map((r) => r.id)).toEqual(['CMP-2026-0004', 'CMP-2026-0003']);
        await store.reports.update({ ...made[0], status: 'afgerond', version: 2 });
        expect((await store.reports.list({ statuses: ['afgerond'] })).reports.map((r) => r.id)).toEqual(['CMP-2026-0001']);
        expect((await store.reports.list({ schools: [] })).total).toBe(0);
      });

      test('import (moving a store): keeps the id and version, skips what is there, new ids follow it', async () => {
        const first = await store.reports.create(newReport());
        const moved: Report = { ...first, id: 'CMP-2026-0041', draftId: 'moved', version: 3, status: 'afgerond' };
        expect(await store.reports.import(moved)).toBe(true);
        expect(await store.reports.import(moved)).toBe(false);
        expect(await store.reports.import({ ...moved, id: 'CMP-2026-0042' })).toBe(false); // same draft
        expect(await store.reports.get('CMP-2026-0041')).toEqual(moved);
        expect((await store.reports.create(newReport())).id).toBe('CMP-2026-0042');
        await restart();
        expect((await store.reports.create(newReport())).id).toBe('CMP-2026-0043');
        expect(await store.reports.count()).toBe(4);
      });

      test('unknown ids are undefined, not errors', async () => {
        expect(await store.reports.get('CMP-2026-0001')).toBeUndefined();
        expect(await store.reports.get('nonsense')).toBeUndefined();
        expect(await store.reports.findByDraft('nope')).toBeUndefined();
      });
    });

    describe('unit of work', () => {
      test('a report, its draft and its outbox job commit together and survive a restart', async () => {
        const d = draft();
        const report = await store.transaction(async (tx) => {
          const r = await tx.reports.create(newReport({ draftId: d.id }));
          await tx.drafts.save({ ...d, status: 'submitted', reportId: r.id });
          await tx.outbox.enqueue({ kind: 'alert', key: `alert:${r.id}`, payload: { reportId: r.id }, dueAt: T0 }, T0);
          // Inside the unit of work its own writes are visible.
          expect((await tx.drafts.get(d.id))?.status).toBe('submitted');
          return r;
        });
        await restart();
        expect(await store.reports.get(report.id)).toEqual(report);
        expect((await store.drafts.get(d.id))?.reportId).toBe(report.id);
        expect((await store.outbox.getByKey(`alert:${report.id}`))?.payload).toEqual({ reportId: report.id });
      });

      test('a unit of work that throws keeps nothing, and its report id is not used up', async () => {
        const d = draft();
        await store.drafts.save(d);
        await expect(
          store.transaction(async (tx) => {
            const r = await tx.reports.create(newReport({ draftId: d.id }));
            await tx.drafts.save({ ...d, status: 'submitted', reportId: r.id });
            await tx.outbox.enqueue({ kind: 'alert', key: 'alert:x', payload: {}, dueAt: T0 }, T0);
            throw new Error('connector exploded');
          }),
        ).rejects.toThrow('connector exploded');
        expect(await store.reports.count()).toBe(0);
        expect((await store.drafts.get(d.id))?.status).toBe('open');
        expect(await store.outbox.getByKey('alert:x')).toBeUndefined();
        await restart();
        expect((await store.reports.create(newReport())).id).toBe('CMP-2026-0001');
      });

      test('concurrent units of work that each read, then write, do not lose updates', async () => {
        await store.profiles.put('u', { schoolId: 'x', updatedAt: T0, locale: '0' });
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction(async (tx) => {
              const p = await tx.profiles.get('u');
              await tx.profiles.put('u', { ...p!, locale: String(Number(p!.locale) + 1) });
            }),
          ),
        );
        expect((await store.profiles.get('u'))?.locale).toBe('20');
      });
    });

    describe('drafts', () => {
      test('save, get, per user, updated before, delete; durable', async () => {
        const a = draft({ userId: 'u1', updatedAt: at(0) });
        const b = draft({ userId: 'u1', updatedAt: at(10) });
        const c = draft({ userId: 'u2', updatedAt: at(20) });
        for (const x of [a, b, c]) await store.drafts.save(x);
        await store.drafts.save({ ...a, stepId: 'when-where' });
        expect((await store.drafts.get(a.id))?.stepId).toBe('when-where');
        expect((await store.drafts.listByUser('u1')).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
        expect((await store.drafts.listUpdatedBefore(at(15))).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
        await store.drafts.delete(b.id);
        await store.drafts.delete('not-there');
        await restart();
        expect(await store.drafts.get(b.id)).toBeUndefined();
        expect((await store.drafts.listByUser('u1')).map((x) => x.id)).toEqual([a.id]);
        expect(await store.drafts.get(c.id)).toEqual(c);
      });
    });

    describe('profiles, conversations, feedback', () => {
      test('stored per key, durable, unknown keys undefined', async () => {
        await store.profiles.put('aad-1', { schoolId: 'de-campus', lang: 'nl', updatedAt: T0 });
        await store.conversations.put('aad-1', { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } });
        await store.feedback.add({ id: 'f1', at: T0, userKey: 'aad-1', schoolId: 'de-campus', question: 'q', abstained: false, vote: 'up', lang: 'nl', doc: 'de-campus', sectionId: '2.1' });
        await store.feedback.add({ id: 'f2', at: at(1), userKey: 'aad-2', schoolId: 'de-campus', question: 'q2', abstained: true, vote: 'down', lang: 'en', comment: 'mis' });
        await restart();
        expect(await store.profiles.get('aad-1')).toEqual({ schoolId: 'de-campus', lang: 'nl', updatedAt: T0 });
        expect(await store.profiles.get('constructor')).toBeUndefined();
        expect(await store.conversations.get('aad-1')).toEqual({ serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } });
        expect(await store.conversations.get('aad-2')).toBeUndefined();
        expect(await store.profiles.entries()).toEqual([['aad-1', { schoolId: 'de-campus', lang: 'nl', updatedAt: T0 }]]);
        expect((await store.conversations.entries()).map(([k]) => k)).toEqual(['aad-1']);
        expect((await store.feedback.list()).map((f) => f.id)).toEqual(['f1', 'f2']);
      });

      const answer = (over: Partial<AnswerRecord> = {}): AnswerRecord => {
        const conversationId = over.conversationId ?? 'a:conv-1';
        const activityId = over.activityId ?? '1712345678901';
        return {
          id: answerRecordId(conversationId, activityId), conversationId, activityId, at: T0, userKey: 'aad-1', schoolId: 'conexus',
          question: 'Waar registreer ik een incident?', doc: 'conexus', sectionId: '2.7', abstained: false, lang: 'nl', ...over,
        };
      };
      const candidate = (over: Partial<PhrasingCandidate> = {}): PhrasingCandidate => ({
        id: 'c1', key: '["conexus","2.7","waar registreer ik een incident"]', doc: 'conexus', sectionId: '2.7',
        question: 'Waar registreer ik een incident?', lang: 'nl', status: 'candidate', createdAt: T0, ...over,
      });

      test('answer records: by conversation and activity id, durable, replaced by id, pruned by age', async () => {
        const a = answer();
        // The same activity id in another conversation is another answer (Teams ids are unique per conversation).
        const other = answer({ conversationId: 'a:conv-2', userKey: 'aad-2', at: at(60), doc: undefined, sectionId: undefined, abstained: true });
        await store.feedback.recordAnswer(a);
        await store.feedback.recordAnswer(other);
        expect(a.id).not.toBe(other.id);
        await restart();
        expect(await store.feedback.getAnswer(a.id)).toEqual(a);
        expect(await store.feedback.getAnswer(other.id)).toEqual(other);
        expect(await store.feedback.getAnswer(answerRecordId('a:conv-1', 'nope'))).toBeUndefined();
        await store.feedback.recordAnswer({ ...a, question: 'Tweede versie' });
        expect((await store.feedback.getAnswer(a.id))?.question).toBe('Tweede versie');
        // All of them, oldest first, each once in its last version.
        expect(await store.feedback.listAnswers()).toEqual([{ ...a, question: 'Tweede versie' }, other]);
        expect(await store.feedback.pruneAnswers(at(30))).toBe(1);
        expect(await store.feedback.listAnswers()).toEqual([other]);
        expect(await store.feedback.getAnswer(a.id)).toBeUndefined();
        expect(await store.feedback.getAnswer(other.id)).toEqual(other);
        expect(await store.feedback.pruneAnswers(at(30))).toBe(0);
      });

      test('answer records: kept with their unit of work or not at all; the last one recorded for an id counts, also for the prune', async () => {
        const a = answer();
        const b = answer({ activityId: '2' });
        const c = answer({ activityId: '3' });
        await store.feedback.recordAnswer(a);
        await expect(
          store.transaction(async (tx) => {
            await tx.feedback.recordAnswer({ ...a, question: 'niet bewaard' });
            await tx.feedback.recordAnswer(b);
            expect((await tx.feedback.getAnswer(b.id))?.activityId).toBe('2');
            throw new Error('connector exploded');
          }),
        ).rejects.toThrow('connector exploded');
        expect(await store.feedback.getAnswer(a.id)).toEqual(a);
        expect(await store.feedback.getAnswer(b.id)).toBeUndefined();
        await store.transaction(async (tx) => {
          await tx.feedback.recordAnswer(b);
          await tx.feedback.recordAnswer({ ...c, at: at(120) });
        });
        // Recorded again: a later time keeps it, an earlier one lets it go (the record as last written counts).
        await store.feedback.recordAnswer({ ...a, at: at(120) });
        await store.feedback.recordAnswer({ ...c, at: T0 });
        await restart();
        expect(await store.feedback.pruneAnswers(at(90))).toBe(2);
        expect(await store.feedback.getAnswer(a.id)).toEqual({ ...a, at: at(120) });
        expect(await store.feedback.getAnswer(b.id)).toBeUndefined();
        expect(await store.feedback.getAnswer(c.id)).toBeUndefined();
        await restart();
        expect(await store.feedback.getAnswer(a.id)).toEqual({ ...a, at: at(120) });
        expect(await store.feedback.getAnswer(c.id)).toBeUndefined();
      });

      test('feedback entries: the same id again replaces the entry in its place (one rating per answer)', async () => {
        const entry = { at: T0, userKey: 'aad-1', schoolId: 'conexus', question: 'q', abstained: false, lang: 'nl' as const, doc: 'conexus', sectionId: '2.7' };
        await store.feedback.add({ ...entry, id: 'answer-a', vote: 'up', answerId: 'a' });
        await store.feedback.add({ ...entry, id: 'answer-b', vote: 'down', answerId: 'b' });
        await store.feedback.add({ ...entry, id: 'answer-a', vote: 'down', answerId: 'a', comment: 'toch niet', at: at(5) });
        await restart();
        expect((await store.feedback.list()).map((f) => [f.id, f.vote, f.comment])).toEqual([['answer-a', 'down', 'toch niet'], ['answer-b', 'down', undefined]]);
      });

      test('phrasing candidates: one per key, listed oldest first by status, decided once, durable', async () => {
        const first = await store.feedback.proposeCandidate(candidate());
        expect(first).toEqual(candidate());
        // Another id with the same key: the stored candidate is returned, nothing added.
        expect(await store.feedback.proposeCandidate(candidate({ id: 'c9', question: 'waar registreer ik een incident', createdAt: at(1) }))).toEqual(candidate());
        await store.feedback.proposeCandidate(candidate({ id: 'c2', key: 'k2', sectionId: '4.1', createdAt: at(2), lang: 'en', question: 'Who listens?' }));
        await store.feedback.proposeCandidate(candidate({ id: 'c3', key: 'k3', createdAt: at(3) }));
        await restart();
        expect((await store.feedback.listCandidates()).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
        expect(await store.feedback.getCandidate('c2')).toEqual(candidate({ id: 'c2', key: 'k2', sectionId: '4.1', createdAt: at(2), lang: 'en', question: 'Who listens?' }));
        expect(await store.feedback.getCandidate('c9')).toBeUndefined();

        expect(await store.feedback.decideCandidate('c1', 'accepted', at(10))).toEqual({ ...candidate(), status: 'accepted', decidedAt: at(10) });
        expect(await store.feedback.decideCandidate('c2', 'rejected', at(11))).toMatchObject({ id: 'c2', status: 'rejected', decidedAt: at(11) });
        // Decided is final: neither a second decision nor an unknown id changes anything.
        expect(await store.feedback.decideCandidate('c1', 'rejected', at(12))).toBeUndefined();
        expect(await store.feedback.decideCandidate('nope', 'accepted', at(12))).toBeUndefined();
        await restart();
        expect(await store.feedback.getCandidate('c1')).toMatchObject({ status: 'accepted', decidedAt: at(10) });
        expect((await store.feedback.listCandidates({ status: 'candidate' })).map((c) => c.id)).toEqual(['c3']);
        expect((await store.feedback.listCandidates({ status: 'rejected' })).map((c) => c.id)).toEqual(['c2']);
        // A decided key stays decided: proposing it again returns the decision, not a new candidate.
        expect(await store.feedback.proposeCandidate(candidate({ id: 'c7', createdAt: at(20) }))).toMatchObject({ id: 'c1', status: 'accepted' });
      });

      test('phrasing candidates: concurrent proposals of one key store one candidate', async () => {
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.feedback.proposeCandidate(candidate({ id: `c${i}`, createdAt: at(i) }))));
        expect(new Set(results.map((r) => r.id)).size).toBe(1);
        expect(await store.feedback.listCandidates()).toHaveLength(1);
      });
    });

    test('health: ok while open, not ok after close', async () => {
      expect(await store.health()).toEqual({ ok: true });
      await store.close();
      expect((await store.health()).ok).toBe(false);
      store = await h.reopen();
    });

    describe('bot state (botbuilder Storage semantics)', () => {
      test('eTags: a stale eTag is refused, "*" and none overwrite; delete', async () => {
        await store.botState.write({ a: { step: 1 } });
        const read = await store.botState.read(['a', 'missing']);
        expect(Object.keys(read)).toEqual(['a']);
        expect(read.a).toMatchObject({ step: 1, eTag: expect.any(String) });
        await store.botState.write({ a: { step: 2, eTag: read.a.eTag } });
        await expect(store.botState.write({ a: { step: 3, eTag: read.a.eTag } })).rejects.toBeInstanceOf(ConcurrencyError);
        await store.botState.write({ a: { step: 4, eTag: '*' } });
        await store.botState.write({ a: { step: 5 } });
        await restart();
        expect((await store.botState.read(['a'])).a).toMatchObject({ step: 5 });
        await store.botState.delete(['a', 'missing']);
        expect(await store.botState.read(['a'])).toEqual({});
      });
    });

    describe('outbox', () => {
      const job = (key: string, dueAt = T0) => ({ kind: 'drafts.reminder', key, payload: { draftId: key }, dueAt });

      test('enqueue is idempotent by key', async () => {
        const a = await store.outbox.enqueue(job('k1'), T0);
        const b = await store.outbox.enqueue({ ...job('k1'), payload: { other: true } }, at(1));
        expect(b).toEqual(a);
        expect(a).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 8, dueAt: T0, createdAt: T0 });
        expect(await store.outbox.list()).toHaveLength(1);
      });

      test('claim: only due jobs, oldest first, leased; an attempt counted; a live lease is not claimed again', async () => {
        await store.outbox.enqueue(job('later', at(60)), T0);
        await store.outbox.enqueue(job('second', at(2)), T0);
        await store.outbox.enqueue(job('first', at(1)), T0);
        const claimed = await store.outbox.claim({ owner: 'w1', now: at(5), leaseMs: 60_000, limit: 10 });
        expect(claimed.map((j) => j.key)).toEqual(['first', 'second']);
        expect(claimed[0]).toMatchObject({ leaseOwner: 'w1', attempts: 1, status: 'pending' });
        expect(await store.outbox.claim({ owner: 'w2', now: at(5.5), leaseMs: 60_000, limit: 10 })).toEqual([]);
        // The lease ran out (w1 died): w2 takes it over, and w1 can no longer complete it.
        const takeover = await store.outbox.claim({ owner: 'w2', now: at(7), leaseMs: 60_000, limit: 1 });
        expect(takeover.map((j) => [j.key, j.attempts])).toEqual([['first', 2]]);
        expect(await store.outbox.complete(takeover[0].id, 'w1', at(7))).toBe(false);
        expect(await store.outbox.complete(takeover[0].id, 'w2', at(7))).toBe(true);
        expect(await store.outbox.get(takeover[0].id)).toMatchObject({ status: 'done', closedAt: at(7) });
      });

      test('two owners claiming at once never get the same job', async () => {
        for (let i = 0; i < 40; i++) await store.outbox.enqueue(job(`j${i}`), T0);
        const [a, b, c] = await Promise.all(['w1', 'w2', 'w3'].map((owner) => store.outbox.claim({ owner, now: at(1), leaseMs: 60_000, limit: 20 })));
        const keys = [...a, ...b, ...c].map((j) => j.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toHaveLength(40);
      });

      test('fail: retry later, or dead letter; retry brings a dead job back; cancel; prune', async () => {
        const j = await store.outbox.enqueue(job('k'), T0);
        await store.outbox.claim({ owner: 'w1', now: T0, leaseMs: 600_000, limit: 1 });
        expect(await store.outbox.fail(j.id, 'w2', 'not mine', at(1), at(2))).toBe(false);
        expect(await store.outbox.fail(j.id, 'w1', '503 Service Unavailable', at(1), at(10))).toBe(true);
        expect(await store.outbox.get(j.id)).toMatchObject({ status: 'pending', dueAt: at(10), lastError: '503 Service Unavailable', attempts: 1 });
        expect(await store.outbox.claim({ owner: 'w1', now: at(5), leaseMs: 60_000, limit: 1 })).toEqual([]);
        await store.outbox.claim({ owner: 'w1', now: at(10), leaseMs: 600_000, limit: 1 });
        expect(await store.outbox.fail(j.id, 'w1', '403 Forbidden', at(11))).toBe(true);
        expect(await store.outbox.get(j.id)).toMatchObject({ status: 'dead', attempts: 2, lastError: '403 Forbidden', closedAt: at(11) });
        expect((await store.outbox.list({ status: 'dead' })).map((x) => x.id)).toEqual([j.id]);
        expect(await store.outbox.claim({ owner: 'w1', now: at(60), leaseMs: 60_000, limit: 1 })).toEqual([]);
        expect(await store.outbox.retry(j.id, at(20))).toMatchObject({ status: 'pending', attempts: 0, dueAt: at(20) });
        expect(await store.outbox.retry('nope', at(20))).toBeUndefined();
        // A job a live worker holds is left alone: it may be sending it right now.
        const held = await store.outbox.enqueue(job('held'), T0);
        await store.outbox.claim({ owner: 'w9', now: at(20), leaseMs: 600_000, limit: 5 });
        expect(await store.outbox.retry(held.id, at(21))).toBeUndefined();
        expect(await store.outbox.complete(held.id, 'w9', at(21))).toBe(true);

        await store.outbox.enqueue(job('c'), T0);
        expect(await store.outbox.cancel('c', at(21))).toBe(true);
        expect(await store.outbox.cancel('c', at(21))).toBe(false);
        expect((await store.outbox.getByKey('c'))?.status).toBe('cancelled');
        const done = await store.outbox.claim({ owner: 'w1', now: at(30), leaseMs: 60_000, limit: 5 });
        expect(done.map((x) => x.key)).toEqual(['k']);
        await store.outbox.complete(done[0].id, 'w1', at(31));
        await restart();
        expect(await store.outbox.prune(at(25))).toBe(2); // 'c' and 'held' closed at 21; 'k' closed at 31 stays
        expect((await store.outbox.list()).map((x) => x.key)).toEqual(['k']);
      });
    });
  });
}
