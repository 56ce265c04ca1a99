import * as path from 'path';
import { Analyzer } from '../../src/knowledge/analysis/analyzer';
import { loadAnalysisResources } from '../../src/knowledge/analysis/resources';
import { DutchWordList, dutchWordList, parseDic, posFlags } from '../../src/knowledge/analysis/wordlist';

const resources = loadAnalysisResources(path.resolve(__dirname, '../../knowledge'));

describe('Dutch word list', () => {
  const aff = 'SFX Zb Y 1\nSFX Zb 0 en/CaCbCp [^eo]\t\tts:NN2\nSFX Aa Y 1\nSFX Aa 0 e [^e]\t\tts:AJe\nSFX V3 Y 1\nSFX V3 0 t [^ao]\t\tts:VB3\n';
  const { words, nouns } = parseDic('5\nhond/Zb\nstreng/Zb\nstreng/Aa\nkijken/V3\nwacht/Zb\nwoord/Zb\n', posFlags(aff));
  const list = new DutchWordList(words, nouns);
  test('knows inflections and compounds of listed words', () => {
    expect(list.has('honden')).toBe(true);
    expect(list.has('wachtwoord')).toBe(true);
    expect(list.has('xqzvl')).toBe(false);
  });
  test('tells nouns (what a question is about) from words that are also adjectives or verbs', () => {
    expect(list.isNoun('hond')).toBe(true);
    expect(list.isNoun('wachtwoord')).toBe(true); // compound with a noun at the end
    expect(list.isNoun('streng')).toBe(false); // also an adjective
    expect(list.isNoun('xqzvl')).toBeUndefined();
  });
  test('a noun that is also a verb form is a homograph the sentence decides; one that is also an adjective is not', () => {
    const aff2 = `${aff}SFX Ca Y 1\nSFX Ca 0 s .\t\tts:NN2\n`;
    const parsed = parseDic('6\nsnoep/Ca\nsnoep/V3\nstreng/Zb\nstreng/Aa\nbeeld/Ca\nbeeld/V3\ncamera/Ca\n', posFlags(aff2));
    const homographs = new DutchWordList(parsed.words, parsed.nouns, parsed.homographs);
    expect(homographs.isHomographNoun('snoep')).toBe(true);
    expect(homographs.isHomographNoun('snoepje')).toBe(true); // a diminutive of one
    expect(homographs.isHomographNoun('streng')).toBe(false); // an adjective too: "heel streng"
    expect(homographs.isNoun('snoep')).toBe(false);
    // A compound whose last part could be a verb is still a noun: verb compounds are listed whole.
    expect(homographs.isNoun('camerabeeld')).toBe(true);
  });
  test('noun forms no suffix rule makes: -s plurals of noun-verbs, diminutives, irregular plurals, bare compounds', () => {
    const aff2 = `${aff}SFX Ca Y 1\nSFX Ca 0 s .\t\tts:NN2\n`;
    const dic = ['regel/Ca', 'regel/V3', 'som/Ca', 'som/V3', 'mobiel/Zb', 'mobiel/Aa', 'team/Ca', 'lid/Ca', 'leer/Ca', 'leer/V3', 'plicht/Zb', 'kinderen', 'leden', 'over', 'meteen', 'met', 'een/Zb', 'teamlid', 'leerplicht'];
    const parsed = parseDic(`${dic.length}\n${dic.join('\n')}\n`, posFlags(aff2));
    const list2 = new DutchWordList(parsed.words, parsed.nouns, parsed.homographs, parsed.bare);
    expect(list2.isNoun('regel')).toBe(false); // also "ik regel": the sentence decides
    expect(list2.isNoun('regels')).toBe(true); // no verb form ends in -s
    expect(list2.isNoun('soms')).toBe(false); // too short a base to tell
    expect(list2.isNoun('mobieltje')).toBe(true); // a diminutive, even of an adjective-noun
    expect(list2.isNoun('kinderen')).toBe(true);
    expect(list2.isNoun('teamleden')).toBe(true);
    expect(list2.isNoun('overleden')).toBe(false); // a particle, not a noun, in front
    expect(list2.isNoun('teamlid')).toBe(true); // listed bare, a compound of two nouns
    expect(list2.isNoun('leerplicht')).toBe(true);
    expect(list2.isNoun('meteen')).toBe(false); // listed bare, function words glued together
  });
  test('a noun without a plural is known by the linking s it takes in compounds (beleid+s+plan)', () => {
    const aff3 = `${aff}SFX Ch Y 1\nSFX Ch 0 s/CaCbCxCp .\n`;
    const parsed = parseDic('4\nbeleid/CcCh\nverbod/CcCh\nrook/Zb\nmisschien\n', posFlags(aff3));
    const list3 = new DutchWordList(parsed.words, parsed.nouns, parsed.homographs, parsed.bare);
    expect(list3.isNoun('beleid')).toBe(true);
    expect(list3.isNoun('rookverbod')).toBe(true);
    expect(list3.isNoun('misschien')).toBe(false);
  });
  test('after a noun, a last part that is a noun in any sense makes a noun (school+kamp; kamp is also an adjective)', () => {
    const aff4 = `${aff}SFX Ca Y 1\nSFX Ca 0 s .\t\tts:NN2\n`;
    const dic = ['kamp/Zb', 'kamp/Aa', 'school/Ca', 'muis/Ca', 'duif/Ca', 'waterdicht/Aa', 'water/Ca', 'dicht/Aa', 'vrij/Aa', 'kogel/Ca', 'voor/Ca', 'lezen/V3'];
    const parsed = parseDic(`${dic.length}\n${dic.join('\n')}\n`, posFlags(aff4));
    const list4 = new DutchWordList(parsed.words, parsed.nouns, parsed.homographs, parsed.bare, parsed.adjectiveNouns);
    expect(list4.isNoun('kamp')).toBe(false); // alone: "kamp staan" — the sentence would have to decide
    expect(list4.isNoun('schoolkamp')).toBe(true);
    expect(list4.isNoun('schoolkampen')).toBe(true);
    expect(list4.isNoun('kogelvrij')).toBe(false); // an adjective's compound stays one
    expect(list4.isNoun('voorlezen')).toBe(false); // a verb after a word that is also a noun (de voor) stays a verb
    expect(list4.isNoun('muizen')).toBe(true); // plural stems: z ← s, v ← f
    expect(list4.isNoun('duiven')).toBe(true);
  });
  test('a listed word without a part of speech that ends in a noun suffix is a noun, also as a compound\'s last part (kleding, reservekleding)', () => {
    const dic = ['kleding', 'radicalisering', 'reserve/Zb', 'meteen', 'weinig', 'ding'];
    const parsed = parseDic(`${dic.length}\n${dic.join('\n')}\n`, posFlags(aff));
    const list5 = new DutchWordList(parsed.words, parsed.nouns, parsed.homographs, parsed.bare);
    expect(list5.isNoun('kleding')).toBe(true);
    expect(list5.isNoun('radicalisering')).toBe(true);
    expect(list5.isNoun('reservekleding')).toBe(true);
    expect(list5.isNoun('meteen')).toBe(false);
    expect(list5.isNoun('weinig')).toBe(false);
  });
  test('the shipped OpenTaal list loads', () => {
    const shipped = dutchWordList();
    expect(shipped?.has('schoolplein')).toBe(true);
  });
});

describe('typo repair is guarded by the word list', () => {
  const corpus = ['De schorsing duurt een week. De vertrouwenspersoon luistert.'];
  const index = (a: Analyzer) => new Set(corpus.flatMap((t) => a.documentTerms(t)));
  test('a real Dutch word is not "repaired" into a plan word one letter away', () => {
    const unguarded = new Analyzer(resources, corpus, () => null);
    expect(unguarded.analyseQuery('schoring', 'nl', index(unguarded)).terms.has(unguarded.termOf('schorsing'))).toBe(true);
    const guarded = new Analyzer(resources, corpus, () => new DutchWordList(new Set(['schoring'])));
    expect(guarded.analyseQuery('schoring', 'nl', index(guarded)).terms.has(guarded.termOf('schorsing'))).toBe(false);
  });
  test('a word that is no Dutch word is repaired', () => {
    const guarded = new Analyzer(resources, corpus, () => new DutchWordList(new Set(['schoring'])));
    expect(guarded.analyseQuery('vertrouwenspesoon', 'nl', index(guarded)).terms.has(guarded.termOf('vertrouwenspersoon'))).toBe(true);
  });
});
