/**
 * Abstention on a near miss: a question that asks how long (or within how many hours/days) is answered only by a
 * passage that states a term. A plan that covers the topic but names no term gets an honest "not stated", with the
 * section that covers the topic named.
 */
import { asksForDuration, statesDuration } from '../../src/knowledge/duration';
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';

const service = smallKnowledge([
  alphaPlan([
    section('1', 'Cameratoezicht', 'Op het schoolplein hangen camera’s. De camerabeelden worden bewaard en alleen bekeken door de directeur na een incident.'),
    section('2', 'Schorsing', 'Een leerling kan maximaal één dag geschorst worden zonder toestemming van het bestuur. De ouders worden schriftelijk geïnformeerd over de schorsing.'),
    section('3', 'Datalek', 'Een datalek meldt de medewerker direct bij de privacyfunctionaris van het bestuur.'),
  ]),
]);

describe('a question that asks for a time span', () => {
  test('is recognised in Dutch and English, also as "hoeveel uur/dagen" and "om de hoeveel jaar"', () => {
    for (const q of ['hoe lang worden de beelden bewaard?', 'hoelang time-out?', 'Binnen hoeveel uur moet ik melden?', 'Om de hoeveel jaar komt de RI&E?', 'How long can we suspend a pupil?', 'within how many working days must we reply?', 'hoe snel moet ik dit melden?', 'binnen welke termijn kan een ouder bezwaar maken?']) {
      expect(asksForDuration(q)).toBe(true);
    }
    for (const q of ['hoeveel leerlingen per BHV-er?', 'how many times per year do we survey parents?', 'wanneer moet ik melden?', 'hoe moet ik dit melden?']) {
      expect(asksForDuration(q)).toBe(false);
    }
  });

  test('a term is a number with a time unit (also written out: "één dag"), "direct" or a period ("jaarlijks")', () => {
    for (const t of ['maximaal één dag geschorst', 'binnen 24 uur', 'ten hoogste een week', 'tot twee jaar na vertrek', '5 werkdagen', 'onmiddellijk melden', 'eens per jaar', 'tweejaarlijks']) {
      expect(statesDuration(t)).toBe(true);
    }
    for (const t of ['De directeur beslist over de schorsing.', 'De beelden worden bewaard.', 'Groep 1 tot en met 8']) {
      expect(statesDuration(t)).toBe(false);
    }
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
});
