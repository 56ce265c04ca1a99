import * as path from 'path';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import { answerType, extractAnswer, isPlaceholder, sentencesOf } from '../../src/knowledge/compose';
import type { Passage } from '../../src/knowledge/passages';
import { SearchIndex } from '../../src/knowledge/search-index';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));

function answer(text: string, question: string): string {
  const passage: Passage = { key: 'a#1#0', docId: 'a', docTitle: 'A', sectionId: '1', sectionTitle: '1 Beleid', parents: [], text, isTemplate: false };
  const analyzer = new Analyzer(resources, [text], () => null);
  const index = new SearchIndex(analyzer, [passage]);
  const query = analyzer.analyseQuery(question, 'nl', index.terms);
  const hit = index.search(query, () => true, 1)[0];
  return extractAnswer(hit, query, index, analyzer, question);
}

const filler = 'Het team werkt hier elk jaar samen aan een goed klimaat in alle groepen van de school.';

describe('the answer text', () => {
  test('is the whole sentence that answers, not a fragment', () => {
    const text = `${filler} ${filler} Een schorsing duurt ten hoogste vijf schooldagen, en de ouders worden dezelfde dag ingelicht. ${filler}`;
    const a = answer(text, 'hoe lang duurt een schorsing?');
    expect(a).toContain('Een schorsing duurt ten hoogste vijf schooldagen, en de ouders worden dezelfde dag ingelicht.');
    expect(a.length).toBeLessThanOrEqual(700);
  });

  test('keeps a list whole with the line that introduces it', () => {
    const text = `${filler}\nBij een ruzie volgt de leerkracht deze stappen:\n- laat de leerlingen afkoelen;\n- hoort beide kanten;\n- maakt afspraken.\n${filler}`;
    const a = answer(text, 'welke stappen volgt de leerkracht bij een ruzie?');
    expect(a).toContain('Bij een ruzie volgt de leerkracht deze stappen:');
    expect(a).toContain('- laat de leerlingen afkoelen;\n- hoort beide kanten;\n- maakt afspraken.');
  });

  test('a list item that answers comes with its introducing line and the other steps of that list', () => {
    const text = `${filler}\nHiervoor hanteert de leerkracht het volgende stappenplan:\n- laat de leerlingen afkoelen;\n- hoort het verhaal van beide kanten aan;\n- laat de leerlingen het goedmaken met een handdruk.\n${filler}`;
    const a = answer(text, 'twee kinderen hebben ruzie, moeten ze het goedmaken met een handdruk?');
    expect(a).toContain('- laat de leerlingen het goedmaken met een handdruk.');
    expect(a).toContain('Hiervoor hanteert de leerkracht het volgende stappenplan:');
    expect(a).toContain('- laat de leerlingen afkoelen;\n- hoort het verhaal van beide kanten aan;');
  });

  test('a list too long for the answer keeps the item the question names, in the list\'s order', () => {
    const items = [
      'Voortdurend, storend en agressief gedrag van de leerling, dat een belemmering vormt voor het onderwijs aan de andere leerlingen van de groep en een gevaar voor de andere leerlingen en de medewerkers;',
      'Bedreigend of agressief gedrag van ouders en verzorgers van de leerling tegenover leerkrachten, onderwijsassistenten, conciërges en andere medewerkers;',
      'Diefstal of vernieling van eigendommen van andere leerlingen en medewerkers, of van materialen en meubilair, waardoor er schade ontstaat;',
      'Herhaaldelijk en bewust negeren van afspraken die met de leerling, de ouders en de intern begeleider zijn gemaakt over het gedrag in de groep en op het plein;',
      'Het meenemen van wapens waardoor er gevaar ontstaat voor de overige leerlingen en/of de medewerkers;',
      'Seksuele intimidatie.',
    ];
    const text = `${filler}\nOnder een ernstig incident verstaat de school onder andere:\n${items.map((i) => `- ${i}`).join('\n')}\n${filler}`;
    const a = answer(text, 'wat verstaat de school onder een ernstig incident, ook wapens?');
    expect(a).toContain('Onder een ernstig incident verstaat de school onder andere:');
    expect(a).toContain(`- ${items[4]}`);
    expect(a.indexOf(items[0])).toBeLessThan(a.indexOf(items[4]));
    expect(a.length).toBeLessThanOrEqual(700);
  });

  test('a list that lost its bullets (short bare lines after the line announcing it) is still a list', () => {
    const text = `${filler}\nHet veiligheidsplan bevat tenminste de volgende bijlagen.\nInternetgebruik\nProtocol gedragscode\nPestprotocol\nProtocol rouwverwerking\n${filler}`;
    const a = answer(text, 'moet het pestprotocol bij het veiligheidsplan?');
    expect(a).toContain('Het veiligheidsplan bevat tenminste de volgende bijlagen.');
    expect(a).toContain('Internetgebruik\nProtocol gedragscode\nPestprotocol');
  });

  test('a sentence that points forward to a list ("de volgende afspraken.", "onderstaande regels") brings the list', () => {
    const text = `${filler}\nDe medewerkers hanteren de volgende afspraken met leerlingen.\n- wij spreken leerlingen aan op hun gedrag;\n- wij geven complimenten;\n- wij zijn op tijd.\n${filler}`;
    const a = answer(text, 'welke afspraken hanteren de medewerkers met leerlingen?');
    expect(a).toContain('De medewerkers hanteren de volgende afspraken met leerlingen.');
    expect(a).toContain('- wij spreken leerlingen aan op hun gedrag;\n- wij geven complimenten;\n- wij zijn op tijd.');
  });

  test('a list announced by a sentence that answers nearly as well as the best one comes with it', () => {
    const text = `In elke stamgroep spreken leerkracht en leerlingen groepsafspraken af. Onderstaande groepsafspraken gelden in alle stamgroepen.\n- ik luister naar een ander\n- ik help een ander\n${filler}`;
    const a = answer(text, 'welke groepsafspraken gelden in de stamgroepen?');
    expect(a).toContain('- ik luister naar een ander\n- ik help een ander');
  });

  test('a question whether one may or must prefers the sentence that allows, forbids or obliges', () => {
    const text = `Leerkrachten voeren gesprekken met leerlingen over hun welbevinden in de groep. ${filler} Een leerkracht is niet alleen met een leerling in een gesloten ruimte; dat is niet toegestaan. ${filler}`;
    expect(answer(text, 'mag ik alleen met een leerling een gesprek voeren?')).toContain('niet toegestaan');
    const duty = `Het pestprotocol beschrijft de aanpak van pesten in de groep. ${filler} Elke leerkracht is verplicht pesten in de groep te melden. ${filler}`;
    expect(answer(duty, 'moet ik pesten in de groep melden?')).toContain('verplicht pesten in de groep te melden');
    // "Must I?" is also answered by "it is voluntary"; "may I?" by the conditions under which one may.
    const six = Array(6).fill(filler).join(' ');
    const medication = `Leerkrachten geven kinderen soms medicatie op school. ${six} Medicatie gebeurt op vrijwillige basis. ${filler} ${filler}`;
    expect(answer(medication, 'ben ik verplicht medicatie te geven op school?')).toContain('op vrijwillige basis');
    const conditions = `Leerkrachten verrichten soms medische handelingen op school. ${six} Handelingen gebeuren onder voorwaarden. ${filler} ${filler}`;
    expect(answer(conditions, 'mag ik medische handelingen verrichten op school?')).toContain('onder voorwaarden');
    // "Kan dat zomaar?" asks whether one may, too; "mits" states the condition.
    const role = `De preventiemedewerker ondersteunt het arbobeleid op school. ${six} Iedere leerkracht kan preventiemedewerker worden, mits deze deskundig is. ${filler} ${filler}`;
    expect(answer(role, 'ik wil preventiemedewerker worden op school, kan dat zomaar?')).toContain('mits deze deskundig is');
  });

  test("a footnote is the writer's note on the plan: the sentence with the marker answers first, the note when nothing else does", () => {
    const text =
      'Een overlijden van een leerling, collega of ouder is een ingrijpende gebeurtenis voor leerlingen en ouders. ' +
      'De school handelt in dergelijke situaties zorgvuldig en in overleg met het bestuur. ' +
      'Elke school heeft eigen afspraken voor het omgaan met het overlijden van een ouder of leerling. ' +
      'Ter ondersteuning stelt het bestuur een format voor een rouwprotocol beschikbaar.\n\n' +
      'Noot 9: Geactualiseerd rouwprotocol bij overlijden van een ouder in 2026 gereed';
    const a = answer(text, 'de moeder van een leerling is overleden, hebben we een rouwprotocol?');
    expect(a).toContain('een format voor een rouwprotocol beschikbaar');
    const only = `${filler} Het team bespreekt de werkdruk elk jaar met een scan. ${filler}\n\nNoot 11: Voorlopige werknaam van dit instrument is Werkdrukscan2.0`;
    expect(answer(only, 'hoe heet het instrument, de werknaam?')).toContain('Werkdrukscan2.0');
  });

  test('a question which tool or survey prefers the sentence that names one, not an abbreviation', () => {
    const text = `De jaarlijkse vragenlijst voor de veiligheid gaat elk jaar naar de MR. ${filler} Wij meten de veiligheid elk jaar met een vragenlijst. ${filler} De vragenlijst over veiligheid bespreken we met het team. ${filler} Wij gebruiken voor de veiligheid Vensters. ${filler}`;
    const a = answer(text, 'welke vragenlijst gebruiken we elk jaar voor de veiligheid?');
    expect(a).toContain('Wij gebruiken voor de veiligheid Vensters.');
    expect(a).not.toContain('bespreken we met het team');
  });

  test('never serves a fill-in instruction for the plan\'s writer', () => {
    const text = `School specifiek, bij wie kunnen ouders terecht met klachten. ${filler} Een klacht bespreken ouders eerst met de leerkracht van hun kind.`;
    const a = answer(text, 'bij wie kunnen ouders terecht met klachten?');
    expect(a).not.toMatch(/School specifiek/);
    expect(a).toContain('Een klacht bespreken ouders eerst met de leerkracht van hun kind.');
  });

  test('a who-question prefers the sentence that names who', () => {
    const text = `Het gesprek met de ouders is een belangrijke stap bij een vermoeden. ${filler} Deze gesprekken worden gevoerd door de intern begeleider. ${filler} ${filler} Soms neemt het gesprek het vermoeden weg, dan stopt de procedure.`;
    expect(answer(text, 'wie voert het gesprek met ouders bij een vermoeden?')).toContain('door de intern begeleider');
  });

  test('recognises placeholders and unfilled values', () => {
    expect(isPlaceholder('School specifiek, bij wie kunnen ouders terecht')).toBe(true);
    expect(isPlaceholder('De contactpersoon is ….')).toBe(true);
    expect(isPlaceholder('Telefoon: xxx')).toBe(true);
    expect(isPlaceholder('Op datum heeft het bestuur het plan vastgesteld.')).toBe(true);
    expect(isPlaceholder('In het volgende hoofdstuk staat het school specifieke beleid.')).toBe(false);
    expect(isPlaceholder('Zie https://example.org/artikel+....pdf')).toBe(false);
  });

  test('splits sentences but keeps list items whole', () => {
    expect(sentencesOf('Eerste zin. Tweede zin.\n- een item. Met twee zinnen.')).toEqual(['Eerste zin.', 'Tweede zin.', '- een item. Met twee zinnen.']);
  });
});

describe('sentence boundaries', () => {
  test('an abbreviation does not end a sentence', () => {
    expect(sentencesOf('Dit geldt o.a. De directie en de ib. Zie art. 40 van de wet. Klaar.')).toEqual([
      'Dit geldt o.a. De directie en de ib.',
      'Zie art. 40 van de wet.',
      'Klaar.',
    ]);
  });
});

describe('lists the answer does not introduce', () => {
  test('a sentence that counts what follows ("drie omgangsnormen") brings the list it counts', () => {
    const text = `${filler}\nDoor de stichting zijn drie omgangsnormen geformuleerd, die op elke school gelden.\n- Iedereen hoort erbij.\n- We zorgen goed voor elkaar.\n- We lossen ruzies samen op.\n${filler}`;
    const a = answer(text, 'wat zijn de omgangsnormen van de stichting?');
    expect(a).toContain('- Iedereen hoort erbij.\n- We zorgen goed voor elkaar.\n- We lossen ruzies samen op.');
  });

  test('a short answer reads on into the next sentences, where the plan\'s point often is', () => {
    const text = `${filler}\nDenk hierbij aan het overlijden van een klasgenoot. Zulke voorvallen raken de hele groep. De leerkracht schakelt in overleg met ouders de hulp van een professional in.\n${filler}`;
    const a = answer(text, 'een klasgenoot is overleden, wat doen we?');
    expect(a).toContain('Denk hierbij aan het overlijden van een klasgenoot.');
    expect(a).toContain('De leerkracht schakelt in overleg met ouders de hulp van een professional in.');
    expect(a.length).toBeLessThanOrEqual(700);
  });

  test('a short answer at the end of its passage is completed by the sentence before it', () => {
    const text = 'Vastpakken van leerlingen vermijden wij. Alleen bij direct gevaar houdt een leerkracht een leerling kort vast.';
    const a = answer(text, 'mag ik een kind vastpakken als het doordraait?');
    expect(a).toBe(text);
  });

  const about = (topic: string): string =>
    [
      `Het ${topic} beschrijft de taken van de BHV bij brand en de alarmering van de hulpdiensten.`,
      `Het ${topic} wordt elk jaar door de directie met het hele team besproken en waar nodig bijgesteld.`,
      `Met het ${topic} oefenen de leerlingen twee keer per jaar samen met alle leerkrachten van de school.`,
      `Het ${topic} houdt rekening met leerlingen die extra hulp nodig hebben bij het verlaten van het gebouw.`,
    ].join(` ${filler} `);

  test('a where-question prefers the sentence that names the place', () => {
    const plan = `${about('ontruimingsplan')} ${filler} Het actuele ontruimingsplan staat op de X-schijf van de school.`;
    expect(answer(plan, 'waar vind ik het ontruimingsplan?')).toContain('Het actuele ontruimingsplan staat op de X-schijf van de school.');
  });

  test('a how-long question prefers the sentence with a period, also in words', () => {
    const suspension = `${about('schorsingsprotocol')} ${filler} Volgens het schorsingsprotocol is dat één tot vijf aaneengesloten schooldagen.`;
    expect(answer(suspension, 'hoe lang volgens het schorsingsprotocol?')).toContain('één tot vijf aaneengesloten schooldagen');
  });

  test('a list of document titles after the answer is not glued onto it', () => {
    const text = `${filler}\nHet toedienen van medicijnen gebeurt alleen met schriftelijke toestemming van ouders.\n- VHP – Protocol medisch handelen\n- Bijlage 3 Toestemmingsformulier`;
    const a = answer(text, 'mag ik medicijnen toedienen?');
    expect(a).toContain('Het toedienen van medicijnen gebeurt alleen met schriftelijke toestemming van ouders.');
    expect(a).not.toMatch(/Protocol medisch handelen/);
  });

  test('a document title under a reference label ("Achtergrondinformatie:") is never the answer, even when it has the asked word', () => {
    const text = 'Bij ongeoorloofd verzuim doet de school altijd een melding bij de leerplichtambtenaar.\n\nAchtergrondinformatie:\n\n- Brochure extra verlof';
    const a = answer(text, 'ouders zijn zonder verlof op vakantie, wat doen we?');
    expect(a).toContain('melding bij de leerplichtambtenaar');
    expect(a).not.toMatch(/Brochure|Achtergrondinformatie/);
  });

  test('an answer that reads on stops before a line that is only a link', () => {
    const text = `De monitor wordt jaarlijks afgenomen bij de leerlingen van groep 5 tot en met 8. ${filler}\nLink: https://www.example.nl/monitor-sociale-veiligheid\nwww.example.nl/vragenlijst`;
    const a = answer(text, 'hoe vaak nemen we de monitor af?');
    expect(a).toContain('De monitor wordt jaarlijks afgenomen');
    expect(a).not.toMatch(/https?:|www\./);
  });

  test('a question about what comes first prefers the sentence that gives the order', () => {
    const text = [
      'Een ouder kan een klacht indienen over agressie, geweld of pesten; de klachtenregeling beschrijft hoe een ouder een klacht indient en welke taken de klachtencommissie heeft.',
      filler,
      filler,
      filler,
      filler,
      'Een ouder gaat daarvoor naar de school; pas daarna volgt het bestuur.',
    ].join(' ');
    expect(answer(text, 'een ouder wil een klacht indienen, waar moet ze als eerste heen?')).toContain('Een ouder gaat daarvoor naar de school; pas daarna volgt het bestuur.');
    // Whether one may go straight to someone asks the order too.
    expect(answer(text, 'een ouder wil een klacht indienen en meteen naar het bestuur, kan dat?')).toContain('pas daarna volgt het bestuur');
    expect(answerType('can a parent go straight to the board?')?.test('Ouders gaan eerst naar de leerkracht.')).toBe(true);
  });

  test('"first aid" is a thing, not an order: a how-many question about first aiders still wants the number', () => {
    expect(answerType('where should a parent go first with a complaint?')?.test('Ouders gaan eerst naar de leerkracht.')).toBe(true);
    expect(answerType('how many first aid people do we need?')?.test('Er zijn minimaal twee BHV-ers aanwezig.')).toBe(true);
    expect(answerType('how many first-aiders do we need?')?.test('Ouders gaan eerst naar de leerkracht.')).toBe(false);
  });
});
