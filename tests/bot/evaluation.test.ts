import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { Writable } from 'stream';
import { parse } from 'csv-parse/sync';
import { createLogger } from '../../src/logging';
import { CardRenderer } from '../../src/bot/cards';
import { parseOverviewCommand } from '../../src/bot/evaluation';
import { normalizeCommand } from '../../src/bot/router';
import type { NewReport } from '../../src/store';
import { startTestBot, type RunningBot } from '../support/bot-harness';
import { cardParseErrors } from '../support/adaptive-cards';
import { RecordingConnector, TestUser, actionsOf, cardsOf, type TurnResult } from '../support/recording-connector';
import { makeTempDir } from '../support/temp-dir';

/**
 * "jaaroverzicht" through POST /api/messages (issue 9): a director gets the chart as a card and a signed, expiring
 * CSV link; the links work on the real GET /downloads/:token; everyone else gets one polite refusal; a group chat
 * gets the pointer to the personal chat; logs carry no message text and no link.
 */
const DIRECTOR = '00000000-0000-0000-0000-0000000000d1';
const BOARD = '00000000-0000-0000-0000-0000000000b1';
const OTHER_DIRECTOR = '00000000-0000-0000-0000-0000000000d2';
const PEOPLE = [
  { aadObjectId: DIRECTOR, name: 'Dirk Directeur', grants: [{ role: 'directeur', school: 'de-campus' }] },
  { aadObjectId: BOARD, name: 'Bea Bestuur', grants: [{ role: 'bestuur', board: 'asg' }] },
  { aadObjectId: OTHER_DIRECTOR, name: 'Olga Andere', grants: [{ role: 'directeur', school: 'de-nieuwe-kring' }] },
  { upn: 'ilse.berg@de-campus.example', name: 'Ilse Berg', grants: [{ role: 'directeur', school: 'de-campus' }] },
];

function report(over: Partial<NewReport> & { date: string; location?: string }): NewReport {
  const { date, location, ...rest } = over;
  const at = '2026-03-01T09:00:00.000Z';
  return {
    code: 'CMP', year: 2026, school: 'de-campus', type: 'incident', category: 'pesten',
    fields: { date, location: location ?? 'schoolplein', facts: 'GEHEIM-FEIT', pupils: ['5B J.d.V.'] },
    reporter: { id: 'aad-anna', name: 'Anna Melder' }, lang: 'nl', draftId: `draft-${Math.random().toString(36).slice(2)}`,
    status: 'nieuw', schemaVersion: 1, createdAt: at, submittedAt: at,
    chronology: [{ at, by: { id: 'aad-anna', name: 'Anna Melder' }, kind: 'created', text: '' }],
    ...rest,
  };
}

/** GET on the bot's own server: the card's https://baken.example URL, served on the test port. */
function get(running: RunningBot, publicUrl: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = publicUrl.replace('https://baken.example', running.baseUrl);
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const onlyCard = (turn: TurnResult): Record<string, unknown> => {
  const cards = turn.replies.flatMap((r) => cardsOf(r));
  if (cards.length !== 1) throw new Error(`expected one card, got ${JSON.stringify(turn.replies).slice(0, 400)}`);
  return cards[0];
};
const textOf = (turn: TurnResult): string => {
  expect(turn.replies).toHaveLength(1);
  return turn.replies[0].text ?? '';
};
const imageUrl = (card: Record<string, unknown>): string => (card.body as Array<{ type: string; url?: string }>).find((b) => b.type === 'Image')!.url!;
const csvUrl = (card: Record<string, unknown>): string => actionsOf(card).find((a) => a.type === 'Action.OpenUrl')!.url!;

describe('"jaaroverzicht": the annual evaluation in the chat and as signed downloads', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let connector: RecordingConnector;
  let running: RunningBot;
  const logLines: string[] = [];

  beforeEach(async () => {
    tmp = makeTempDir('baken-evaluation-');
    const peopleFile = path.join(tmp.dir, 'people.json');
    fs.writeFileSync(peopleFile, JSON.stringify({ version: 1, people: PEOPLE }));
    connector = await RecordingConnector.start();
    logLines.length = 0;
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString()); done(); } });
    running = await startTestBot({ dataFile: path.join(tmp.dir, 'baken.json'), env: { PEOPLE_FILE: peopleFile }, logger: createLogger('debug', sink) });
    for (let i = 0; i < 6; i++) await running.store.reports.create(report({ date: '2025-09-15' }));
    for (let i = 0; i < 2; i++) await running.store.reports.create(report({ date: '2025-10-15', location: 'bij meester Jan' }));
  });
  afterEach(async () => {
    await running.stop();
    await connector.stop();
    tmp.cleanup();
  });

  async function userAt(school: string, aadObjectId?: string, conversationType?: 'groupChat'): Promise<TestUser> {
    const personal = new TestUser({ botEndpoint: running.endpoint, connector, ...(aadObjectId ? { aadObjectId } : {}) });
    await personal.submit({ verb: 'chooseSchool', schoolId: school });
    if (!conversationType) return personal;
    return new TestUser({ botEndpoint: running.endpoint, connector, userId: personal.userId, aadObjectId: personal.aadObjectId, conversationType });
  }

  test('the director gets the chart card and a CSV link; both links serve the files, without caching', async () => {
    const director = await userAt('de-campus', DIRECTOR);
    const card = onlyCard(await director.say('jaaroverzicht'));
    expect(cardParseErrors(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Jaaroverzicht meldingen 2025-2026');
    expect(text).toContain('Montessorischool De Campus');
    expect(text).toContain('Meldingen in dit schooljaar: 8');
    expect(text).toContain('tot 10:15 beschikbaar'); // 15 minutes after 10:00 Amsterdam time (09:00 UTC)
    expect(imageUrl(card)).toMatch(/^https:\/\/baken\.example\/downloads\/evaluatie-de-campus-2025-2026\.png\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(csvUrl(card)).toMatch(/^https:\/\/baken\.example\/downloads\/evaluatie-de-campus-2025-2026\.csv\?t=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(actionsOf(card).find((a) => a.type === 'Action.OpenUrl')!.title).toBe('Download CSV');

    const csv = await get(running, csvUrl(card));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="evaluatie-de-campus-2025-2026.csv"');
    const rows = parse(csv.body.toString('utf8'), { delimiter: ';', bom: true }) as string[][];
    // One category: its October 2 is "<5", and September (6) is hidden as well, or 8 − 6 would give the 2 back.
    expect(rows.find((r) => r[2] === '(Digitaal) pesten')!.slice(4, 6)).toEqual(['x', '<5']);
    expect(rows.find((r) => r[2] === 'Alle meldingen')![15]).toBe('8');
    expect(rows.find((r) => r[2] === 'schoolplein')![15]).toBe('6');
    for (const marker of ['GEHEIM', 'J.d.V', 'Anna', 'meester Jan', 'CMP-2026']) expect(csv.body.toString('utf8')).not.toContain(marker);

    const png = await get(running, imageUrl(card));
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toBe('no-store');
    expect(png.body.subarray(1, 4).toString('ascii')).toBe('PNG');

    // Logs: no message text, no link, no file content.
    const logs = logLines.join('');
    expect(logs).toContain('annual overview sent');
    for (const leak of ['jaaroverzicht', imageUrl(card).split('?t=')[1], csvUrl(card).split('?t=')[1], 'schoolplein']) expect(logs).not.toContain(leak);
  });

  test('"jaaroverzicht 2024-2025", "annual overview" in English, a bad year; the board of the school may too', async () => {
    const board = await userAt('de-campus', BOARD);
    expect(JSON.stringify(onlyCard(await board.say('jaaroverzicht 2024-2025')))).toContain('Jaaroverzicht meldingen 2024-2025');
    const english = JSON.stringify(onlyCard(await board.say('annual overview 2025-2026')));
    expect(english).toContain('Annual overview of reports 2025-2026');
    expect(english).toContain('Reports this school year: 8');
    expect(textOf(await board.say('jaaroverzicht 2025-2027'))).toContain('Schrijf het zoals "jaaroverzicht 2025-2026"');
  });

  test('a director people.json lists by UPN alone gets it too, and her links work (they carry the key her roles hang on)', async () => {
    const ilse = await userAt('de-campus', '00000000-0000-0000-0000-0000000000e9');
    connector.members.set(ilse.userId, { id: ilse.userId, aadObjectId: ilse.aadObjectId, userPrincipalName: 'Ilse.Berg@de-campus.example' });
    const card = onlyCard(await ilse.say('jaaroverzicht'));
    expect(JSON.stringify(card)).toContain('Meldingen in dit schooljaar: 8');
    expect((await get(running, csvUrl(card))).status).toBe(200);
  });

  test('a teacher, and a director of another school, get the same refusal, whether or not there are reports', async () => {
    const teacher = await userAt('de-campus');
    const refusal = textOf(await teacher.say('jaaroverzicht'));
    expect(refusal).toBe('Het jaaroverzicht van de meldingen is er voor de directie van de school en het bestuur. Vraag het aan je directeur.');
    const elsewhere = await userAt('sooog');
    expect(textOf(await elsewhere.say('jaaroverzicht'))).toBe(refusal);
    const otherDirector = await userAt('de-campus', OTHER_DIRECTOR);
    expect(textOf(await otherDirector.say('jaaroverzicht 2025-2026'))).toBe(refusal);
    // Even a bad year is refused first: nothing tells her more than the refusal.
    expect(textOf(await teacher.say('jaaroverzicht 1234-9999'))).toBe(refusal);
  });

  test('in a group chat: only the pointer to the personal chat, no counts, no links', async () => {
    const group = await userAt('de-campus', DIRECTOR, 'groupChat');
    const card = onlyCard(await group.say('jaaroverzicht'));
    expect(actionsOf(card).find((a) => a.type === 'Action.OpenUrl')?.url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=/);
    expect(JSON.stringify(card)).not.toContain('/downloads/');
    expect(JSON.stringify(card)).not.toContain('Meldingen in dit schooljaar');
  });

  test('an expired link is refused (403) with a short Dutch text; a forged or changed one is not found (404)', async () => {
    const director = await userAt('de-campus', DIRECTOR);
    const url = csvUrl(onlyCard(await director.say('jaaroverzicht')));
    const [payload, signature] = url.split('?t=')[1].split('.');
    const forged = await get(running, url.replace(payload, Buffer.from(JSON.stringify({ s: 'de-campus', y: '2025-2026', k: 'csv', p: DIRECTOR, l: 'nl', e: 9e12 })).toString('base64url')));
    expect(forged.status).toBe(404);
    expect(forged.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(forged.body.toString('utf8')).toBe('Niet gevonden.');
    expect((await get(running, url.replace(signature, signature.slice(0, -2)))).status).toBe(404);
    // The right token for another file name (the PNG's link used for the CSV's name) is not found either.
    expect((await get(running, url.replace('.csv?', '.png?'))).status).toBe(404);
    expect((await get(running, 'https://baken.example/downloads/evaluatie-de-campus-2025-2026.csv')).status).toBe(404);
    expect((await get(running, 'https://baken.example/downloads/zomaar?t=abc.def')).status).toBe(404);
    expect((await get(running, url)).status).toBe(200);

    running.clock.advance(15 * 60_000);
    const expired = await get(running, url);
    expect(expired.status).toBe(403);
    expect(expired.headers['cache-control']).toBe('no-store');
    expect(expired.body.toString('utf8')).toBe('Deze link is verlopen. Typ in Teams opnieuw "jaaroverzicht" voor een nieuwe link.');
  });
});

describe('the evaluation card template and the command', () => {
  test.each(['nl', 'en'] as const)('evaluation (%s) renders and parses without errors in the adaptivecards library', (lang) => {
    const card = new CardRenderer().renderJson('evaluation', lang, {
      title: 'Jaaroverzicht meldingen 2025-2026', school: 'De Campus ${evil}', imageUrl: 'https://baken.example/downloads/a.b', altText: 'grafiek',
      total: 'Meldingen: <5', anonymous: 'x', expires: 'tot 10:15', otherYear: 'jaaroverzicht 2024-2025', download: 'Download CSV', csvUrl: 'https://baken.example/downloads/c.d',
    });
    expect(cardParseErrors(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('De Campus ${evil}');
  });

  test.each([
    ['jaaroverzicht', { lang: 'nl', year: '' }],
    ['Jaaroverzicht 2025-2026', { lang: 'nl', year: '2025 2026' }],
    ['jaaroverzicht van 2025/2026', { lang: 'nl', year: '2025 2026' }],
    ['toon het jaaroverzicht', { lang: 'nl', year: '' }],
    ['jaaroverzicht meldingen', { lang: 'nl', year: '' }],
    ['jaarlijkse evaluatie', { lang: 'nl', year: '' }],
    ['Annual overview', { lang: 'en', year: '' }],
    ['annual overview for 2024-2025', { lang: 'en', year: '2024 2025' }],
    ['jaaroverzicht schooljaar 2024-2025', { lang: 'nl', year: '2024 2025' }],
    ['jaaroverzicht 2025', { lang: 'nl', year: '2025' }],
    ['jaaroverzicht van de school', undefined],
    ['wat staat er in het jaaroverzicht van de school?', undefined],
    ['hoe maak ik een jaaroverzicht', undefined],
  ])('%j → %j', (text, parsed) => {
    expect(parseOverviewCommand(normalizeCommand(text))).toEqual(parsed);
  });
});
