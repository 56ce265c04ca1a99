import { testClock } from '../../support/clock';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openReportStore } from '../../../src/reports/store/reportStore';
import { DRAFT_SHARDS, draftShardFile, draftShardOf, legacyDraftsFile } from '../../../src/reports/store/layout';
import type { Draft } from '../../../src/reports/types';

const at = '2026-03-10T09:00:00.000Z';
const draft = (id: string, userId: string): Draft => ({
  id, userId, userName: 'Anna', school: 'conexus', lang: 'nl', stepId: 'what', type: 'incident',
  answers: { type: { type: 'incident' } }, status: 'open', cardVersion: 1, createdAt: at, updatedAt: at,
});

describe('report store drafts in shards', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baken-draft-shards-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('saving a draft rewrites only its user\'s shard', async () => {
    const store = await openReportStore(dir, { clock: testClock() });
    const users = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    await Promise.all(users.map((u) => store.saveDraft(draft(`d-${u}`, u))));
    const shard = draftShardFile(dir, draftShardOf('user-7'));
    const mtimes = () => new Map(fs.readdirSync(path.dirname(shard)).map((f) => [f, fs.statSync(path.join(path.dirname(shard), f)).mtimeMs]));
    const before = mtimes();
    await new Promise((r) => setTimeout(r, 20));
    await store.saveDraft({ ...draft('d-user-7', 'user-7'), stepId: 'actions' });
    const after = mtimes();
    const changed = [...after].filter(([f, m]) => before.get(f) !== m).map(([f]) => f);
    expect(changed).toEqual([path.basename(shard)]);
    expect(JSON.parse(fs.readFileSync(shard, 'utf8')).drafts['d-user-7'].stepId).toBe('actions');
    expect(store.allDrafts()).toHaveLength(40);
    await store.close();
  });

  test('a drafts.json of an earlier version is moved into the shards once, nothing lost', async () => {
    const drafts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`d${i}`, draft(`d${i}`, `u${i}`)]));
    fs.writeFileSync(legacyDraftsFile(dir), JSON.stringify({ schemaVersion: 1, drafts }));
    let store = await openReportStore(dir, { clock: testClock() });
    expect(fs.existsSync(legacyDraftsFile(dir))).toBe(false);
    expect(store.allDrafts()).toHaveLength(10);
    await store.deleteDraft('d3');
    await store.close();
    store = await openReportStore(dir, { clock: testClock() });
    expect(store.getDraft('d4')).toEqual(drafts.d4);
    expect(store.getDraft('d3')).toBeUndefined();
    expect(store.draftsOf('u5')).toEqual([drafts.d5]);
    expect(draftShardOf('u5')).toBeLessThan(DRAFT_SHARDS);
    await store.close();
  });
});
