import * as path from 'path';
import { main } from '../../src/cli/store-migrate';
import { openLowdbStore } from '../../src/store/lowdb';
import { answerRecordId } from '../../src/store/contract';
import { openPostgresStore } from '../../src/store/postgres';
import { createTestDatabase, usePostgresServer } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { draft, newReport } from '../store/contract';

const serverUrl = usePostgresServer();

describe('npm run store:migrate (lowdb → PostgreSQL)', () => {
  test('everything is copied with its ids, nothing lost; a second run adds nothing; new ids continue', async () => {
    const tmp = makeTempDir();
    const db = await createTestDatabase(serverUrl());
    const dataFile = path.join(tmp.dir, 'baken.json');
    try {
      const source = await openLowdbStore(dataFile);
      for (let i = 0; i < 25; i++) await source.reports.create(newReport(i % 3 ? {} : { code: 'DNK', school: 'de-nieuwe-kring' }));
      const first = await source.reports.get('CMP-2026-0001');
      await source.reports.update({ ...first!, version: 2, status: 'in-behandeling', chronology: [...first!.chronology, { at: '2026-03-11T10:00:00.000Z', by: { id: 'aad-dir' }, kind: 'note', text: 'opgepakt' }] });
      await source.drafts.save(draft({ id: 'open-draft' }));
      await source.profiles.put('aad-anna', { schoolId: 'de-campus', lang: 'nl', updatedAt: '2026-03-10T09:00:00.000Z' });
      await source.conversations.put('aad-anna', { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } });
      await source.feedback.add({ id: 'f1', at: '2026-03-10T09:00:00.000Z', userKey: 'aad-anna', schoolId: 'de-campus', question: 'q', abstained: false, vote: 'up', lang: 'nl' });
      const candidate = { key: 'k', doc: 'de-campus', sectionId: '3.1', lang: 'nl' as const, status: 'candidate' as const, createdAt: '2026-03-10T09:00:00.000Z' };
      await source.feedback.proposeCandidate({ ...candidate, id: 'c1', key: 'k1', question: 'wat doe ik bij pesten' });
      await source.feedback.proposeCandidate({ ...candidate, id: 'c2', key: 'k2', question: 'pestprotocol' });
      await source.feedback.decideCandidate('c2', 'accepted', '2026-03-11T09:00:00.000Z');
      const answer = { id: answerRecordId('a:1', 'act-1'), conversationId: 'a:1', activityId: 'act-1', at: '2026-03-10T09:00:00.000Z', userKey: 'aad-anna', schoolId: 'de-campus', question: 'wat doe ik bij pesten', doc: 'de-campus', sectionId: '3.1', abstained: false, lang: 'nl' as const };
      await source.feedback.recordAnswer(answer);
      await source.close();

      const out: string[] = [];
      const code = await main(['--from', dataFile, '--to', db.url], (s) => out.push(s));
      expect({ code, out }).toEqual({ code: 0, out });
      expect(out.join('\n')).toContain('meldingen: 25 in het bestand, 25 toegevoegd, 0 waren er al');
      expect(out.join('\n')).toContain('concepten: 1, profielen: 1, gesprekken: 1, feedback: 1, antwoorden: 1, kandidaat-formuleringen: 2');
      const again: string[] = [];
      expect(await main(['--from', dataFile, '--to', db.url], (s) => again.push(s))).toBe(0);
      expect(again.join('\n')).toContain('25 in het bestand, 0 toegevoegd, 25 waren er al');

      const target = await openPostgresStore({ url: db.url });
      try {
        expect(await target.reports.count()).toBe(25);
        expect(await target.reports.get('CMP-2026-0001')).toMatchObject({ version: 2, status: 'in-behandeling' });
        expect((await target.reports.create(newReport())).id).toBe('CMP-2026-0017');
        expect((await target.reports.create(newReport({ code: 'DNK', school: 'de-nieuwe-kring' }))).id).toBe('DNK-2026-0010');
        expect(await target.drafts.get('open-draft')).toBeDefined();
        // A 👍/👎 on an answer sent before the move still finds what was asked and cited.
        expect(await target.feedback.getAnswer(answer.id)).toEqual(answer);
        // Candidate phrasings keep their id (admins type it) and their decision.
        expect(await target.feedback.getCandidate('c1')).toMatchObject({ status: 'candidate', question: 'wat doe ik bij pesten' });
        expect(await target.feedback.getCandidate('c2')).toMatchObject({ status: 'accepted', decidedAt: '2026-03-11T09:00:00.000Z' });
      } finally {
        await target.close();
      }
      expect(await main(['--from', dataFile], () => undefined)).toBe(64);
    } finally {
      await db.drop();
      tmp.cleanup();
    }
  });
});
