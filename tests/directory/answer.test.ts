/** Each state of a who-answer at the unit level, on the shipped data: named, unnamed, conflict, absent, board-inherited, exception. */
import fs from 'node:fs';
import path from 'node:path';
import { DirectoryLoadError, loadDirectory, type WhoAnswer } from '../../src/directory';
import { schoolsWithExtras, service, tempDir } from './helpers';

const dir = tempDir();
const svc = service({ schoolsFile: schoolsWithExtras(dir) });
const ask = (school: string, q: string, lang: 'nl' | 'en' = 'nl') => svc.answerWho(school, q, lang) as WhoAnswer;
const allNames = (a: WhoAnswer) => [a.text, ...a.contacts.map((c) => c.name ?? '')].join(' ');

describe('answerWho states', () => {
  it('named: the person with details copied from the plan', () => {
    const a = ask('de-nieuwe-kring', 'telnr van de vertrouwenspersoon via AMOS?');
    expect(a.state).toBe('named');
    expect(a.role.id).toBe('externe-vertrouwenspersoon');
    expect(a.contacts).toEqual([{ role: 'externe vertrouwenspersoon', name: 'Lorianne van Cappellen', organisation: 'via AMOS', email: 'lvancappellen@hetabc.nl', phone: '06 - 30 30 87 15' }]);
    expect(a.text).toContain('06 - 30 30 87 15');
    expect(a.citation).toMatchObject({ doc: 'de-nieuwe-kring', section: 'Vooraf' });
    expect(a.holders[0].chatUpn).toBe('lvancappellen@hetabc.nl');
  });

  it('named organisation: "welke partij" finds the company', () => {
    const a = ask('de-campus', 'welke partij doet bij ons de brandveiligheidsinspectie?');
    expect(a.state).toBe('named');
    expect(a.holders.map((h) => h.name)).toEqual(['Hulst Fire Consultancy']);
    expect(a.holders[0].chatUpn).toBeUndefined();
  });

  it('an organisation that is its own role (Veilig Thuis) is named plainly, not "de Veilig Thuis: Veilig Thuis"', () => {
    const nl = ask('de-nieuwe-kring', 'wat is het telefoonnummer van Veilig Thuis?');
    expect(nl.text).toMatch(/^Het plan noemt Veilig Thuis\. Het plan geeft geen telefoonnummer/);
    const en = ask('de-nieuwe-kring', 'what is the phone number of Veilig Thuis?', 'en');
    expect(en.text).toMatch(/^The plan names Veilig Thuis\. The plan gives no phone number/);
    // Another organisation keeps the role: "de arbodienst: Arbo Unie".
    expect(ask('conexus', 'met welke arbodienst werken we?').text).toMatch(/^Volgens het plan is de arbodienst: Arbo Unie\./);
  });

  it('unnamed: no name in contacts, the plan\'s own words and whom to ask', () => {
    const a = ask('conexus', 'wie is onze pestcoördinator?');
    expect(a.state).toBe('unnamed');
    expect(a.contacts).toEqual([{ role: 'anti-pestcoördinator', name: null, organisation: null, email: null, phone: null }]);
    expect(a.text).toContain("Het plan van jouw school noemt geen naam voor de anti-pestcoördinator. Het plan zegt: '1 per school'");
    expect(a.text).toContain('Vraag het je directeur');
    expect(a.placeholder?.quote).toContain('Het aanspreekpunt betreffende pestgedrag voor onze school is');
  });

  it('an organisation holds the role: named in the text and as organisation, never as a person\'s name', () => {
    const a = ask('wij-de-venen', 'wie is de externe vertrouwenspersoon voor ouders?');
    expect(a.state).toBe('named');
    expect(a.contacts).toHaveLength(1);
    expect(a.contacts[0].name).toBeNull();
    expect(a.contacts[0].organisation).toContain('GGD Hollands Midden');
    expect(a.contacts[0].phone).toBe('088 - 308 33 42');
    expect(a.text).toContain('GGD Hollands Midden');
  });

  it('unnamed in English', () => {
    const a = ask('de-campus', 'Who are the BHV people at De Campus?', 'en');
    expect(a.state).toBe('unnamed');
    expect(a.text).toMatch(/^Your school's plan names nobody as emergency response officer/);
    expect(a.text).toContain('2 bedrijfshulpverleners');
    expect(a.contacts.every((c) => c.name === null)).toBe(true);
  });

  it('unnamed at school level points to a named director of the same school', () => {
    const a = ask('de-nieuwe-kring', 'wie is de aandachtsfunctionaris bij ons op school?');
    expect(a.state).toBe('unnamed');
    expect(a.contacts[0].name).toBeNull();
    expect(a.text).toContain('Debbie van Capelleveen');
  });

  it('level: the central (board) role is told apart from the school role', () => {
    expect(ask('conexus', 'wie is de centrale aandachtsfunctionaris meldcode bij het bestuur?')).toMatchObject({ level: 'board', description: 'collega uit team O&K' });
    expect(ask('conexus', 'wie is de aandachtsfunctionaris op school?')).toMatchObject({ level: 'school', description: '1 à 2 personen op school, meestal KC of uit zorgteam' });
    expect(ask('conexus', 'who do I contact at board level about a digital security incident or data leak?', 'en')).toMatchObject({ role: { id: 'ict-coordinator' }, level: 'board', description: 'ICT centraal' });
  });

  it('conflict: every name the plan gives, with where it says so, and that the plan is not consistent', () => {
    const a = ask('de-nieuwe-kring', 'wie is de anti pest coordinator?');
    expect(a.state).toBe('conflict');
    expect(a.contacts.map((c) => c.name)).toEqual(['Linde Rabbeljee', 'Nancy Knaven']);
    expect(a.text).toContain('Linde Rabbeljee (Vooraf)');
    expect(a.text).toContain('Nancy Knaven (Aanpak (digitaal) pesten)');
    expect(a.text).toContain('niet eenduidig');
  });

  it('absent: honest text and never another school\'s person', () => {
    const a = ask('wij-de-venen', 'wie is de anti-pestcoördinator?');
    expect(a.state).toBe('absent');
    expect(a.contacts).toEqual([]);
    for (const other of ['Linde', 'Nancy', 'Marcha', 'Roy', 'Eefje', 'Lorianne']) expect(allNames(a)).not.toContain(other);
    expect(a.text).toContain('noemt geen anti-pestcoördinator');
  });

  it('absent person: a first name from another school is not found in mine', () => {
    const a = ask('de-campus', 'mailadres van marieke?');
    expect(a.state).toBe('absent');
    expect(allNames(a)).not.toContain('Hessels');
    expect(a.contacts).toEqual([]);
  });

  it('a first name alone finds the person in the asker\'s school', () => {
    const a = ask('de-nieuwe-kring', 'mailadres van marieke van de directie?');
    expect(a.contacts).toEqual([{ role: 'directeur / directie', name: 'Marieke Hessels', organisation: null, email: 'Marieke.hessels@amosonderwijs.nl', phone: null }]);
  });

  it('board-inherited: a Conexus school gets the board plan\'s roles', () => {
    const roles = svc.rolesForSchool('het-talent');
    expect(roles.length).toBeGreaterThan(10);
    expect(roles.every((r) => r.plan.doc === 'conexus' && r.inherited)).toBe(true);
    const a = ask('het-talent', 'wie is de arbodienst?');
    expect(a.holders.map((h) => h.name)).toEqual(['Arbo Unie']);
  });

  it('a school plan does not leak to another school of the same board', () => {
    expect(svc.rolesForSchool('andere-amos-school')).toEqual([]);
    const a = svc.answerWho('andere-amos-school', 'wie is de vertrouwenspersoon?', 'nl') as WhoAnswer;
    expect(a.state).toBe('absent');
    expect(allNames(a)).not.toContain('Lorianne');
  });

  it('exception: Het Talent only gets Roy Ploegmakers as external adviser, other Conexus schools both', () => {
    const talent = ask('het-talent', 'wie is de externe vertrouwenspersoon?');
    expect(talent.contacts.map((c) => c.name)).toEqual(['Roy Ploegmakers']);
    expect(talent.exception?.quote).toContain('voor Het Talent alleen Roy Ploegmakers');
    expect(talent.text).toContain('uitzondering');
    const other = ask('conexus', 'wie is de externe vertrouwenspersoon?');
    expect(other.contacts.map((c) => c.name)).toEqual(['Roy Ploegmakers', 'Eefje van Antwerpen']);
    expect(other.exception).toBeNull();
  });

  it('a generic "vertrouwenspersoon" prefers the plan\'s own use of the word, and details when asked', () => {
    expect(ask('de-campus', 'wie is de vertrouwenspersoon?').contacts[0].name).toBe('Marcha Douwes');
    expect(ask('conexus', 'wie is de vertrouwenspersoon op school?')).toMatchObject({ state: 'unnamed', role: { id: 'interne-vertrouwenspersoon' } });
    const withPhone = ask('conexus', 'telefoonnummer van de vertrouwenspersoon?');
    expect(withPhone.role.id).toBe('externe-vertrouwenspersoon');
    expect(withPhone.contacts.map((c) => c.phone)).toEqual(['06-4808 8774', '06-2863 6387']);
  });

  it('a question about another school by name gets no person', () => {
    const a = ask('conexus', 'wie is de intern begeleider van basisschool De Regenboog in Zwolle?');
    expect(a.state).toBe('absent');
    expect(a.intent.otherSchool).toBe('De Regenboog');
    expect(a.contacts).toEqual([]);
    expect(ask('de-campus', 'wie is de vertrouwenspersoon van Montessorischool De Campus?').contacts[0].name).toBe('Marcha Douwes');
  });

  it('returns null for a policy question without a role or person', () => {
    expect(svc.answerWho('conexus', 'hoe lang mag een schorsing duren?', 'nl')).toBeNull();
  });

  it('unknown school: no roles, absent answers', () => {
    expect(svc.rolesForSchool('bestaat-niet')).toEqual([]);
    expect(ask('bestaat-niet', 'wie is de directeur?').state).toBe('absent');
  });
});

describe('loadDirectory errors', () => {
  const write = (content: unknown) => {
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const good = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../knowledge/directory.json'), 'utf8'));

  it('names the file and the field of a schema error', () => {
    const bad = structuredClone(good);
    bad.plans[2].entries[1].holders = [];
    const file = write(bad);
    expect(() => loadDirectory(file)).toThrow(DirectoryLoadError);
    expect(() => loadDirectory(file)).toThrow(`${file}: plans[2].entries[1].holders: state "conflict" needs every name the plan gives`);
  });

  it('rejects an unknown role id and a bad e-mail', () => {
    const bad = structuredClone(good);
    bad.plans[0].entries[0].role = 'toverdrank';
    bad.plans[1].entries[0].holders[0].email = 'geen-mail';
    try {
      loadDirectory(write(bad));
      throw new Error('no error');
    } catch (e) {
      expect((e as DirectoryLoadError).issues).toEqual(
        expect.arrayContaining([expect.stringContaining('plans[1].entries[0].holders[0].email'), 'plans[0].entries[0].role: unknown role "toverdrank"']),
      );
    }
  });

  it('reports invalid JSON and a missing file', () => {
    expect(() => loadDirectory(write('{ nope'))).toThrow(/invalid JSON/);
    expect(() => loadDirectory(path.join(dir, 'missing.json'))).toThrow(/cannot read file \(ENOENT\)/);
  });
});
