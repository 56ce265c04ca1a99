/**
 * The Ask router puts the plan passage a directory answer cites first among its sources: the passage that holds
 * the quoted words, also when the citation names a chapter whose text sits in its subsections, or a section
 * longer than one passage.
 */
import * as path from 'path';
import { buildAsk } from '../../src/ask';
import { ROOT } from './helpers';

const ask = buildAsk({ knowledgeDir: path.join(ROOT, 'knowledge'), cardsDir: path.join(ROOT, 'cards'), logger: { info() {}, warn() {}, error() {} } });
const plain = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

describe('the cited passage of a directory answer', () => {
  const cases: { school: string; role: string; quote: string }[] = [];
  for (const school of ask.knowledge.schools)
    for (const r of ask.directory.rolesForSchool(school.id)) cases.push({ school: school.id, role: r.role.name.nl, quote: r.entry.citation.quote });

  it('is the first source and holds the quote, for every role the plans name', () => {
    let checked = 0;
    for (const c of cases) {
      const reply = ask.ask(c.school, `wie is de ${c.role}?`);
      const who = reply.who;
      if (!who || who.state === 'absent' || !who.citation) continue;
      const doc = ask.knowledge.documents.find((d) => d.id === who.citation!.doc)!;
      const quote = plain(who.citation.quote);
      if (!doc.sections.some((s) => plain(s.text).includes(quote))) continue;
      expect(reply.sources[0].text.length).toBeGreaterThan(0);
      expect(reply.sources[0].text.length).toBeLessThanOrEqual(1500);
      expect(plain(reply.sources[0].text)).toContain(quote);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a citation of a heading without text of its own resolves to the subsection that holds the quote', () => {
    const reply = ask.ask('de-campus', 'welke partij doet de brandpreventie?');
    expect(reply.who?.citation?.section).toBe('3.1.7 Fysieke veiligheid');
    expect(reply.sources[0]).toMatchObject({ doc: 'de-campus', section: 'Brandveiligheid' });
    expect(reply.sources[0].text).toContain('Hulst Fire Consultancy');
  });
});
