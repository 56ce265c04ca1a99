/**
 * Abstention on a near miss, for the details staff ask besides terms and counts: a time of day, how often, a date or
 * week, which groups, a phone number or e-mail address, where exactly something is. The plan covers the topic, every
 * other word matches, only the asked-for detail is missing: an honest "the plan does not say", with the section named.
 * A plan that states the detail answers, with the sentence that states it.
 */
import { figuresAsked, statesFigure, type FigureAsked } from '../../src/knowledge/figure';
import { alphaPlan, section, smallKnowledge } from '../support/small-plan';

const service = smallKnowledge([
  alphaPlan([
    section('1', 'Schooltijden', 'De school gaat ’s ochtends open om 8.15 uur. De leerkrachten staan vanaf dat moment op het plein.'),
    section('2', 'Toezicht na schooltijd', 'Na schooltijd sluit de conciërge het hek van het schoolplein. Het plein is dan niet meer toegankelijk voor leerlingen.'),
    section('3', 'Ontruimingsoefening', 'Wij oefenen de ontruiming van het gebouw met alle leerlingen. De BHV-ers evalueren de ontruimingsoefening met de directeur.'),
    section('4', 'Groepsbesprekingen', 'Er vinden minimaal twee keer per jaar groepsbesprekingen plaats. Daarbij komen de leerresultaten en het welbevinden aan bod.'),
    section('5', 'Week tegen Pesten', 'In de Week tegen Pesten (laatste week september) besteden de leerkrachten in hun groep aandacht aan het pestprotocol.'),
    section('6', 'Seksuele vorming', 'Wij geven lessen over relaties en seksuele vorming. De leerkracht bespreekt de lessen met de ouders op de ouderavond.'),
    section('7', 'Leerlingenraad', 'De leerlingenraad bestaat uit leerlingen uit groep 5 tot en met 8. De raad praat met de directeur over de sfeer op school.'),
    section('8', 'Veiligheidsmonitor', 'De leerlingen vullen elk jaar de vragenlijst sociale veiligheid in. De intern begeleider bespreekt de uitkomsten met het team.'),
    section('9', 'Vertrouwenspersoon', 'De vertrouwenspersoon luistert naar leerlingen en ouders met een klacht. Een afspraak met de vertrouwenspersoon maakt u via de administratie.'),
    section('10', 'Jeugdarts', 'De jeugdarts van de GGD is bereikbaar op 088-1234567 of via jeugdarts@ggd.example.nl voor vragen over de gezondheid van een leerling.'),
    section('11', 'EHBO', 'In de school zijn meerdere EHBO-koffers aanwezig. De BHV-ers controleren de EHBO-koffers op volledigheid.'),
    section('12', 'AED', 'De school heeft een AED. De AED hangt in de hal bij de hoofdingang.'),
    section('13', 'Bijlagen', 'Het veiligheidsplan bevat ten minste de volgende bijlagen.\nProtocol gedragscode\nPestprotocol\nProtocol medisch handelen'),
    section('14', 'Ruzie oplossen', 'Bij ruzie tussen leerlingen volgt de leerkracht deze stappen:\n- laat de leerlingen afkoelen;\n- hoort beide kanten aan;\n- maakt samen afspraken.'),
  ]),
]);

/** Asks, answers "not stated" with the section, in Dutch and English. */
function expectNotStated(question: string, sectionTitle: string, missing: RegExp): void {
  const r = service.answerPolicy('alpha', question);
  expect(r.answer.abstained).toBe(true);
  expect(r.answer.answer).toContain(sectionTitle);
  expect(r.answer.answer).toMatch(missing);
}

function expectAnswered(question: string, sectionTitle: string, sentence: string): void {
  const r = service.answerPolicy('alpha', question);
  expect(r.answer.abstained).toBe(false);
  expect(r.answer.sources[0].section).toBe(sectionTitle);
  expect(r.answer.answer).toContain(sentence);
}

describe.each<[FigureAsked, string[], string[]]>([
  ['clock', ['hoe laat gaat de school open?', 'Om hoe laat moet het hek op slot?', 'Before what time do I call in sick?'], ['wanneer gaat de school open?']],
  ['frequency', ['hoe vaak oefenen we de ontruiming?', 'hoeveel keer per jaar is er een groepsbespreking?', 'How often do we run a fire drill?'], ['hoeveel BHV-ers zijn er?']],
  [
    'date',
    ['In welke week is de Week tegen Pesten?', 'op welke dagen is de vertrouwenspersoon er?', 'From what date does the plan apply?', 'sinds wanneer geldt dit?', 'wanneer is de volgende studiedag?', 'when is the school photographer coming?'],
    ['wanneer moet ik melden?', 'wanneer is het nou echt pesten?', 'wanneer gaan we over tot melden?', 'When is the school supposed to appoint a coordinator?'],
  ],
  ['group', ['Vanaf welke groep vullen leerlingen de vragenlijst in?', 'which groups have a class council?'], ['welke groepsafspraken gelden er?', 'hoe groot is de groep?']],
  ['reach', ['wat is het telefoonnummer van de jeugdarts?', 'en wat is haar mailadres?', "What's their phone number?"], ['moet ik Veilig Thuis bellen?', 'how do parents phone in sick?', 'Een leerling heeft mijn 06-nummer gevonden, mag ik terugappen?']],
  ['steps', ['welke stappen volg ik bij pesten?', 'Wat zijn de stappen van de meldcode?', 'What are the steps of the protocol?', 'what steps should I take?'], ['is er een stappenplan?', 'wat staat er in het pestprotocol?']],
  ['place', ['Waar hangt de AED?', 'waar precies staan de EHBO-koffers?', 'Where exactly are the first aid kits kept?'], ['waar ligt bij ons de grens tussen plagen en pesten?', 'moet ik dit ergens melden?', 'waar kan ik terecht met een klacht?']],
])('a question that asks %s', (kind, asking, notAsking) => {
  test('is recognised in Dutch and English, and a question that does not ask it is not', () => {
    for (const q of asking) expect(figuresAsked(q)).toContain(kind);
    for (const q of notAsking) expect(figuresAsked(q)).not.toContain(kind);
  });
});

describe('what states the detail asked', () => {
  test.each<[FigureAsked, string[], string[]]>([
    ['clock', ['om 8.15 uur', 'vanaf 14:00', 'voor 9 uur bellen', 'half negen', 'before 7 am'], ['binnen 24 uren', 'na schooltijd', 'in de ochtend']],
    ['frequency', ['minimaal twee keer per jaar', '1 maal per jaar', 'jaarlijks', 'driejaarlijkse cyclus', 'iedere vier jaar', 'wekelijkse notities', 'twice a year'], ['na een incident', 'in het begin van het jaar', 'één keer']],
    ['date', ['vanaf 1 augustus 2016', 'laatste week september', 'op woensdag', '1-8-2015', 'in week 12', 'met ingang van 1 januari 2026', 'in de week voor de kerstvakantie'], ['zo snel mogelijk', 'na de vakantie']],
    ['group', ['groep 5 tot en met 8', 'in de klassen 3 t/m 8', 'alle groepen', 'de kleuters'], ['de groepsleerkracht', 'in de groep']],
    ['reach', ['088-1234567', 'info@school.nl', '+31 20 123 4567'], ['via de administratie', 'bel 112']],
    ['steps', ['- hoort beide kanten aan;', '1. bel de ouders', 'Stap 2: overleg met de IB-er', 'eerst de ouders, daarna de directie'], ['Pestprotocol\nProtocol gedragscode', 'Het plan bevat een meldcode.']],
    ['place', ['hangt in de hal bij de hoofdingang', 'staat op de X-schijf', 'in de kast in de teamkamer', 'wordt bewaard in ParnasSys', 'staat in het LVS', 'in het leerlingdossier'], ['zijn aanwezig in de school', 'worden gecontroleerd', 'In de praktijk gaat het goed']],
  ])('%s', (kind, stating, notStating) => {
    for (const t of stating) expect(statesFigure(t, kind)).toBe(true);
    for (const t of notStating) expect(statesFigure(t, kind)).toBe(false);
  });
});

describe('the plan covers the topic but not the detail: an honest abstention that names the section; a plan that states it answers', () => {
  test('a time of day', () => {
    expectNotStated('hoe laat sluit de conciërge na schooltijd het hek van het schoolplein?', '2 Toezicht na schooltijd', /noemt geen tijdstip/);
    expectAnswered('hoe laat gaat de school ’s ochtends open?', '1 Schooltijden', 'om 8.15 uur');
  });

  test('how often', () => {
    expectNotStated('hoe vaak oefenen we de ontruiming van het gebouw?', '3 Ontruimingsoefening', /zegt niet hoe vaak/);
    expectNotStated('How often do we practise evacuating the building?', '3 Ontruimingsoefening', /does not say how often/);
    expectAnswered('hoe vaak zijn er groepsbesprekingen?', '4 Groepsbesprekingen', 'minimaal twee keer per jaar');
  });

  test('a date or week', () => {
    expectNotStated('in welke week geven we de lessen seksuele vorming?', '6 Seksuele vorming', /noemt geen datum, dag of week/);
    expectAnswered('in welke week is de Week tegen Pesten?', '5 Week tegen Pesten', 'laatste week september');
  });

  test('which groups', () => {
    expectNotStated('vanaf welke groep vullen de leerlingen de vragenlijst sociale veiligheid in?', '8 Veiligheidsmonitor', /zegt niet voor welke groepen/);
    expectAnswered('uit welke groepen komen de leden van de leerlingenraad?', '7 Leerlingenraad', 'groep 5 tot en met 8');
  });

  test('a phone number or e-mail address', () => {
    expectNotStated('ik wil een afspraak maken met de vertrouwenspersoon, wat is het telefoonnummer?', '9 Vertrouwenspersoon', /geeft geen telefoonnummer of e-mailadres/);
    expectAnswered('hoe bereik ik de jeugdarts van de GGD, wat is het telefoonnummer?', '10 Jeugdarts', '088-1234567');
  });

  test('where exactly', () => {
    expectNotStated('waar precies staan de EHBO-koffers?', '11 EHBO', /zegt niet waar precies/);
    expectNotStated('Where exactly are the first aid kits kept?', '11 EHBO', /does not say where exactly/);
    expectAnswered('waar hangt de AED?', '12 AED', 'in de hal bij de hoofdingang');
  });

  test('which steps', () => {
    expectNotStated('What are the steps of the bullying protocol?', '13 Bijlagen', /gives no steps/);
    expectAnswered('welke stappen volg ik bij ruzie tussen leerlingen?', '14 Ruzie oplossen', 'laat de leerlingen afkoelen');
  });
});
