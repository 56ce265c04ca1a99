/**
 * Abstention on a near miss: a question that asks how long (or within how many hours/days) is answered only by
 * sentences that state a term; one that asks every how many years also by a period ("jaarlijks"); one that asks how
 * many or how much by a number. A plan that covers the topic but names no such figure gets an honest "not stated",
 * with the section that covers the topic named.
 */
import { figureAsked, figuresAsked, statesFigure } from '../../src/knowledge/figure';
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';

const service = smallKnowledge([
  alphaPlan([
    section('1', 'Cameratoezicht', 'Op het schoolplein hangen camera’s. De camerabeelden worden bewaard en alleen bekeken door de directeur na een incident.'),
    section('2', 'Schorsing', 'Een leerling kan maximaal één dag geschorst worden zonder toestemming van het bestuur. De ouders worden schriftelijk geïnformeerd over de schorsing.'),
    section('3', 'Datalek', 'Een datalek meldt de medewerker direct bij de privacyfunctionaris van het bestuur.'),
    section('4', 'BHV-cursus', 'Elke BHV-er volgt jaarlijks de herhalingscursus BHV. De preventiemedewerker plant de herhalingscursus.'),
    section('5', 'Schoolreis', 'De schoolreis wordt georganiseerd door de ouderraad. Ouders gaan mee als begeleider van een groepje.'),
    section('8', 'Incidentenregistratie', 'Ongevallen en andere incidenten worden geregistreerd. Jaarlijks evalueren we de registratie met het team.'),
    section('9', 'Veiligheidsmeting', 'Wij meten de veiligheidsbeleving van leerlingen jaarlijks met de vragenlijst van Vensters. Het team bespreekt de uitkomsten.'),
    section('6', 'Bedrijfshulpverlening', 'Er zijn elke dag minimaal twee BHV-ers in het gebouw aanwezig. De BHV-ers zijn herkenbaar aan een hesje.'),
    section(
      '7',
      'Time-out',
      'De leerkracht noteert elk incident in het logboek; het logboek wordt vijf jaar bewaard. ' +
        'Na een waarschuwing volgt een time-out in een andere groep. Het kind neemt werk mee naar de time-out en maakt daar zijn taak af. ' +
        'De leerkracht van de andere groep vangt het kind op en let erop dat het rustig aan het werk blijft. ' +
        'Na de time-out bespreekt de eigen leerkracht met het kind wat er gebeurde en hoe het de volgende keer anders kan. ' +
        'Ouders worden op de hoogte gebracht als hun kind vaker een time-out krijgt. ' +
        'Zo komt de rust in de klas terug en krijgt het kind de kans om tot zichzelf te komen.',
    ),
  ]),
]);

describe('a question that asks for a time span', () => {
  test('is recognised in Dutch and English: how soon (a term), how long (a duration); "om de hoeveel jaar" asks an interval', () => {
    for (const q of ['Binnen hoeveel uur moet ik melden?', 'within how many working days must we reply?', 'hoe snel moet ik dit melden?', 'binnen welke termijn kan een ouder bezwaar maken?']) {
      expect(figureAsked(q)).toBe('span');
    }
    for (const q of ['hoe lang worden de beelden bewaard?', 'hoelang time-out?', 'How long can we suspend a pupil?', 'How many weeks of parental leave do I get?', 'hoeveel dagen studieverlof?']) {
      expect(figureAsked(q)).toBe('duration');
    }
    expect(figureAsked('Om de hoeveel jaar komt de RI&E?')).toBe('interval');
    for (const q of ['wanneer moet ik melden?', 'hoe moet ik dit melden?']) {
      expect(figureAsked(q)).toBeNull();
    }
    expect(figureAsked('hoe vaak doen we een brandoefening?')).toBe('frequency');
  });

  test('a span is a number with a time unit (also written out: "één dag") or "direct"; an interval may also be a period', () => {
    for (const t of ['maximaal één dag geschorst', 'binnen 24 uur', 'ten hoogste een week', 'tot twee jaar na vertrek', '5 werkdagen', 'onmiddellijk melden']) {
      expect(statesFigure(t, 'span')).toBe(true);
    }
    for (const t of ['De directeur beslist over de schorsing.', 'De beelden worden bewaard.', 'Groep 1 tot en met 8', 'De cursus wordt jaarlijks herhaald.', 'eens per jaar']) {
      expect(statesFigure(t, 'span')).toBe(false);
    }
    for (const t of ['De cursus wordt jaarlijks herhaald.', 'eens per jaar', 'tweejaarlijks', 'eens per vier jaar']) {
      expect(statesFigure(t, 'interval')).toBe(true);
    }
    expect(statesFigure('direct na de vakantie', 'interval')).toBe(false);
    // "Direct" says how soon, not how long: "how many weeks of leave?" is not answered by "geef wijzigingen direct door".
    expect(statesFigure('Ouders geven wijzigingen direct door aan de administratie.', 'duration')).toBe(false);
    expect(statesFigure('De beelden worden vier weken bewaard.', 'duration')).toBe(true);
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

describe('a question that asks how many or how much', () => {
  test('is recognised in Dutch and English', () => {
    for (const q of ['hoeveel leerlingen per BHV-er?', 'Hoeveel procent moet meedoen?', 'how much do parents pay for the trip?', 'Wat is het maximum aantal dagen dat we mogen schorsen?', "What's the max number of parents on a trip?", 'wat kost het overblijven per keer?', 'What does the school trip cost?']) {
      expect(figureAsked(q)).toBe('count');
    }
    // How many times asks how often.
    expect(figureAsked('how many times per year do we survey parents?')).toBe('frequency');
  });

  test('a count is a number (digits or written out), a share or an amount; the article "een" is none', () => {
    for (const t of ['minimaal twee BHV-ers', '3 begeleiders per groep', '80 procent van de leerlingen', 'kost € 25', 'één BHV-er per 50 leerlingen', 'two adults per group']) {
      expect(statesFigure(t, 'count')).toBe(true);
    }
    for (const t of ['Ouders gaan mee als begeleider van een groepje.', 'Er is een BHV-er aanwezig.', 'a parent joins the group']) {
      expect(statesFigure(t, 'count')).toBe(false);
    }
  });

  test('the plan covers the topic but names no number: an honest abstention that names the section', () => {
    const r = service.answerPolicy('alpha', 'hoeveel ouders moeten er mee als begeleider op schoolreis?');
    expect(r.answer.abstained).toBe(true);
    expect(r.answer.answer).toContain('5 Schoolreis');
    expect(r.answer.answer).toMatch(/noemt geen aantal/);
    const en = service.answerPolicy('alpha', 'How many parents have to come along on the school trip?');
    expect(en.answer.abstained).toBe(true);
    expect(en.answer.answer).toMatch(/names no number/);
  });

  test('sentences that state the number answer', () => {
    const r = service.answerPolicy('alpha', 'hoeveel BHV-ers moeten er elke dag in het gebouw zijn?');
    expect(r.answer.abstained).toBe(false);
    expect(r.answer.sources[0].section).toBe('6 Bedrijfshulpverlening');
    expect(r.answer.answer).toContain('minimaal twee BHV-ers');
  });
});

test('a figure elsewhere in the passage, outside the sentences that answer, does not count as the answer', () => {
  // The passage states how long the log is kept ("vijf jaar"), not how long a time-out lasts.
  const r = service.answerPolicy('alpha', 'hoe lang mag een time-out in een andere groep maximaal duren?');
  expect(statesFigure(r.hits[0].passage.text, 'span')).toBe(true);
  expect(r.hits[0].passage.sectionTitle).toBe('7 Time-out');
  expect(r.answer.abstained).toBe(true);
  expect(r.answer.answer).toMatch(/noemt geen termijn/);
});

describe('a question that asks which tool, method or system', () => {
  test('is recognised in Dutch and English, also next to a term asked ("binnen hoeveel uur … en in welk systeem?")', () => {
    for (const q of ['Met welk instrument meten we de veiligheid?', 'welke methode gebruiken we voor seksuele vorming?', 'In welk systeem registreren we incidenten?', 'Which tool do we use for the survey?', "What's the name of the questionnaire?"]) {
      expect(figuresAsked(q)).toContain('name');
    }
    expect(figuresAsked('Binnen hoeveel uur registreer ik een incident, en in welk systeem?')).toEqual(['span', 'name']);
    expect(figuresAsked('welke afspraken gelden op het plein?')).toEqual([]);
  });

  test('a name is a capitalised or quoted word inside a sentence, not the first word of one', () => {
    expect(statesFigure('Wij meten dat met de vragenlijst van Vensters.', 'name')).toBe(true);
    expect(statesFigure('We volgen de ontwikkeling in ZIEN.', 'name')).toBe(true);
    expect(statesFigure('Ongevallen worden geregistreerd. Jaarlijks evalueren we de registratie.', 'name')).toBe(false);
  });

  test('the plan covers the topic but names no system: an honest abstention that names the section', () => {
    const r = service.answerPolicy('alpha', 'In welk systeem registreren wij ongevallen en incidenten?');
    expect(r.answer.abstained).toBe(true);
    expect(r.answer.answer).toContain('8 Incidentenregistratie');
    expect(r.answer.answer).toMatch(/noemt niet welke methode, vragenlijst of welk systeem/);
    const en = service.answerPolicy('alpha', 'Which system do we use to register accidents and incidents?');
    expect(en.answer.abstained).toBe(true);
    expect(en.answer.answer).toMatch(/does not name the method, questionnaire or system/);
  });

  test('sentences that name the tool answer', () => {
    const r = service.answerPolicy('alpha', 'met welke vragenlijst meten we de veiligheidsbeleving van leerlingen?');
    expect(r.answer.abstained).toBe(false);
    expect(r.answer.answer).toContain('Vensters');
  });
});

