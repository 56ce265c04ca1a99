/**
 * Abstention on a near miss: a question that asks how long (or within how many hours/days) is answered only by a
 * passage that states a term; one that asks every how many years also by a period ("jaarlijks"). A plan that covers
 * the topic but names no term gets an honest "not stated", with the section that covers the topic named.
 */
import { statesTerm, termAsked } from '../../src/knowledge/duration';
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';

const service = smallKnowledge([
  alphaPlan([
    section('1', 'Cameratoezicht', 'Op het schoolplein hangen camera’s. De camerabeelden worden bewaard en alleen bekeken door de directeur na een incident.'),
    section('2', 'Schorsing', 'Een leerling kan maximaal één dag geschorst worden zonder toestemming van het bestuur. De ouders worden schriftelijk geïnformeerd over de schorsing.'),
    section('3', 'Datalek', 'Een datalek meldt de medewerker direct bij de privacyfunctionaris van het bestuur.'),
    section('4', 'BHV-cursus', 'Elke BHV-er volgt jaarlijks de herhalingscursus BHV. De preventiemedewerker plant de herhalingscursus.'),
  ]),
]);

describe('a question that asks for a time span', () => {
  test('is recognised in Dutch and English, also as "hoeveel uur/dagen"; "om de hoeveel jaar" asks an interval', () => {
    for (const q of ['hoe lang worden de beelden bewaard?', 'hoelang time-out?', 'Binnen hoeveel uur moet ik melden?', 'How long can we suspend a pupil?', 'within how many working days must we reply?', 'hoe snel moet ik dit melden?', 'binnen welke termijn kan een ouder bezwaar maken?']) {
      expect(termAsked(q)).toBe('span');
    }
    expect(termAsked('Om de hoeveel jaar komt de RI&E?')).toBe('interval');
    for (const q of ['hoeveel leerlingen per BHV-er?', 'how many times per year do we survey parents?', 'wanneer moet ik melden?', 'hoe moet ik dit melden?']) {
      expect(termAsked(q)).toBeNull();
    }
  });

  test('a span is a number with a time unit (also written out: "één dag") or "direct"; an interval may also be a period', () => {
    for (const t of ['maximaal één dag geschorst', 'binnen 24 uur', 'ten hoogste een week', 'tot twee jaar na vertrek', '5 werkdagen', 'onmiddellijk melden']) {
      expect(statesTerm(t, 'span')).toBe(true);
    }
    for (const t of ['De directeur beslist over de schorsing.', 'De beelden worden bewaard.', 'Groep 1 tot en met 8', 'De cursus wordt jaarlijks herhaald.', 'eens per jaar']) {
      expect(statesTerm(t, 'span')).toBe(false);
    }
    for (const t of ['De cursus wordt jaarlijks herhaald.', 'eens per jaar', 'tweejaarlijks', 'eens per vier jaar']) {
      expect(statesTerm(t, 'interval')).toBe(true);
    }
    expect(statesTerm('direct na de vakantie', 'interval')).toBe(false);
  });

  test('the plan covers the topic but names no term: an honest abstention that names the section', () => {
    const r = service.answerPolicy('alpha', 'hoe lang worden de camerabeelden bewaard?');
    expect(r.answer.abstained).toBe(true);
    expect(r.answer.answer).toContain('1 Cameratoezicht');
    expect(r.answer.answer).toMatch(/noemt geen termijn/);
    const en = service.answerPolicy('alpha', 'How long are the camera images kept?');
    expect(en.answer.abstained).toBe(true);
    expect(en.answer.answer).toMatch(/names no time limit/);
  });

  test('the same question without asking how long is answered from that section', () => {
    const r = service.answerPolicy('alpha', 'wie bekijkt de camerabeelden?');
    expect(r.answer.abstained).toBe(false);
    expect(r.answer.sources[0].section).toBe('1 Cameratoezicht');
  });

  test('a passage that states the term answers ("één dag", "direct")', () => {
    const suspension = service.answerPolicy('alpha', 'hoe lang mag een schorsing duren zonder het bestuur?');
    expect(suspension.answer.abstained).toBe(false);
    expect(suspension.answer.sources[0].section).toBe('2 Schorsing');
    const leak = service.answerPolicy('alpha', 'hoe snel moet ik een datalek melden?');
    expect(leak.answer.abstained).toBe(false);
    expect(leak.answer.sources[0].section).toBe('3 Datalek');
  });

  test('a period ("jaarlijks") answers every how many years, not how many hours', () => {
    const hours = service.answerPolicy('alpha', 'hoeveel uur duurt de herhalingscursus BHV?');
    expect(hours.answer.abstained).toBe(true);
    expect(hours.answer.answer).toContain('4 BHV-cursus');
    const interval = service.answerPolicy('alpha', 'om de hoeveel jaar volgt een BHV-er de herhalingscursus?');
    expect(interval.answer.abstained).toBe(false);
    expect(interval.answer.sources[0].section).toBe('4 BHV-cursus');
  });
});
