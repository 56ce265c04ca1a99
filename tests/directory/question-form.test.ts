/**
 * Mechanisms of the who-router that read the question's form, each on our own wording (not evaluation questions):
 * modifiers that pick between the inside and outside variant of a role, who-cues from the question's form
 * (agent verbs, go-to, counting, "welk bedrijf", partitive, back-reference), questions that ask whether or where
 * rather than who, things named after a role ("bhv cursus"), a contacted role ("wie belt Veilig Thuis"), and a
 * function a plan holds under another title.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WHO_CONFIDENCE_THRESHOLD, type WhoAnswer } from '../../src/directory';
import { matchWhoIntent, roleMentions } from '../../src/directory/intent';
import type { DirectoryData } from '../../src/directory/schema';
import { DIRECTORY_FILE, service, tempDir } from './helpers';

const svc = service();
const data: DirectoryData = svc.data;
const who = (q: string) => matchWhoIntent(q, data);
const routed = (q: string) => (who(q)?.confidence ?? 0) >= WHO_CONFIDENCE_THRESHOLD;
const mentioned = (q: string) => roleMentions(q, data).flatMap((m) => m.roleIds);

describe('modifiers pick the inside or outside variant of a role', () => {
  it('an outside modifier turns a generic word into the external variant, an inside modifier into the internal one', () => {
    expect(who('wie is de vertrouwenspersoon')?.roleIds).toEqual(['interne-vertrouwenspersoon', 'externe-vertrouwenspersoon']);
    for (const q of ['wie is de vertrouwenspersoon van buiten de school?', 'who are the independent confidential counsellors?'])
      expect(who(q)).toMatchObject({ roleIds: ['externe-vertrouwenspersoon'], modifier: 'external' });
    for (const q of ['wie is de vertrouwenspersoon binnen de school?', 'who is the internal confidant?'])
      expect(who(q)).toMatchObject({ roleIds: ['interne-vertrouwenspersoon'] });
  });

  it('a topic of the internal variant with an outside modifier means the external variant', () => {
    expect(who('who can I talk to in confidence?')?.roleIds).toEqual(['interne-vertrouwenspersoon']);
    expect(who('who can I talk to in confidence outside the school?')?.roleIds).toEqual(['externe-vertrouwenspersoon']);
  });

  it('works for every variant pair: an arbo question goes to the prevention officer, or to the external expert', () => {
    expect(who('bij wie kan ik terecht met een arbovraag?')?.roleIds).toEqual(['preventiemedewerker']);
    expect(who('bij wie kan ik terecht met een arbovraag, een externe deskundige?')?.roleIds).toEqual(['arbodeskundige']);
  });

  it('an explicit name of one variant stays itself; words inside another role name are no modifier', () => {
    expect(who('wie is de interne vertrouwenspersoon, of moet ik extern zoeken?')?.roleIds).toEqual(['interne-vertrouwenspersoon']);
    expect(who('wie is de intern begeleider?')).toMatchObject({ roleIds: ['intern-begeleider'], modifier: null });
  });

  it('a negated modifier does not count, and both sides at once choose nothing', () => {
    expect(who('liever niet iemand binnen de school: bij wie kan ik buiten de school om terecht?')).toMatchObject({ modifier: 'external', roleIds: ['externe-vertrouwenspersoon'] });
    expect(who('wie is de vertrouwenspersoon, intern of extern?')).toMatchObject({ modifier: null });
  });

  it('someone outside the school to talk to is the external confidential adviser, with a who-cue', () => {
    expect(who('bij wie kunnen collega\'s buiten de school om terecht?')?.roleIds).toEqual(['externe-vertrouwenspersoon']);
    expect(routed('geldt het pestprotocol ook buiten de school?')).toBe(false);
  });

  it('the answer names the holder of the variant asked for', () => {
    const a = svc.answerWho('de-nieuwe-kring', 'who can parents talk to in confidence outside the school?', 'en') as WhoAnswer;
    expect(a.role.id).toBe('externe-vertrouwenspersoon');
    expect(a.contacts.map((c) => c.name)).toEqual(['Lorianne van Cappellen']);
  });
});

describe('who-cues from the question form', () => {
  it('"wie/who" with a verb of its own asks for the one who does it', () => {
    for (const q of ['wie controleert de gymtoestellen?', 'wie keurt bij ons de gymtoestellen', 'who inspects the gym equipment?', 'who at board level handles a data leak?'])
      expect(routed(q)).toBe(true);
    expect(who('wie controleert de gymtoestellen?')?.cue).toBe('identity');
  });

  it('an agent verb only counts for a role or topic in its own clause', () => {
    expect(routed('ik maak me zorgen over de thuissituatie van een kind. wie zet het dossier op?')).toBe(false);
    expect(routed('wie helpt bij zorgen over de thuissituatie van een kind?')).toBe(true);
  });

  it('"bij wie kunnen ouders terecht", "bij wie moet ik zijn", "who can parents talk to": any asker goes to someone', () => {
    for (const q of ['bij wie kunnen ouders terecht met een klacht?', 'bij wie moet ik zijn als ik kindermishandeling vermoed?', 'who can pupils talk to if they are bullied?'])
      expect(routed(q)).toBe(true);
  });

  it('"bij wie kan ik dit bespreken / moet ik dat melden" asks for someone to go to as well', () => {
    expect(routed('een collega doet vervelend tegen me. bij wie kan ik dit in vertrouwen bespreken?')).toBe(true);
    expect(routed('bij wie moet ik pestgedrag melden?')).toBe(true);
    expect(routed('bij wie binnen de school kan ik terecht met een arbovraag?')).toBe(true);
  });

  it('a search-box query that ends in "naam" or "name" asks who holds the role', () => {
    for (const q of ['anti bullying coordinator name', 'vertrouwenspersoon naam']) expect(who(q)).toMatchObject({ cue: 'identity' });
    expect(routed('anti bullying coordinator name')).toBe(true);
    expect(who('mag een melding bij de vertrouwenspersoon zonder naam?')?.cue).not.toBe('identity');
  });

  it('a situation around a go-to question or around "wie is (bij ons) de <rol>" does not make it a policy question', () => {
    expect(who('bij wie kunnen ouders terecht als ze een externe vertrouwenspersoon willen?')).toMatchObject({ policyLike: false, roleId: 'externe-vertrouwenspersoon' });
    expect(who('wie is bij ons de ib\'er, als ik een zorgleerling heb?')).toMatchObject({ policyLike: false, roleId: 'intern-begeleider' });
    expect(who('wie moet ik inlichten als ik pesten zie, de pestcoordinator?')?.policyLike).toBe(true);
  });

  it('"als collega" and "als ik een vraag heb" are no situation; "bij een <rol>" is not "in the event of"', () => {
    expect(who('kan ik als leerkracht ook bij een vertrouwenspersoon terecht? wie is dat bij ons?')).toMatchObject({ policyLike: false });
    expect(routed('met wie kan ik mailen als ik een vraag heb over de meldcode?')).toBe(true);
    expect(who('wie moet ik bellen als er een ongeluk gebeurt?')?.policyLike).toBe(true);
  });

  it('"welk bedrijf/welke partij" asks which organisation', () => {
    expect(who('welk bedrijf doet de brandpreventie?')).toMatchObject({ cue: 'which', roleId: 'brandpreventiepartij' });
    expect(who('welk bedrijf keurt de gymtoestellen?')?.cue).toBe('which');
  });

  it('"how many X do we have" asks for the holders; "how many X must there be" asks for the norm', () => {
    expect(who('hoeveel ehbo\'ers hebben we?')).toMatchObject({ cue: 'identity', roleId: 'bhv' });
    expect(routed('how many first aiders do we have at school?')).toBe(true);
    expect(routed('hoeveel ehbo\'ers moeten er op school zijn?')).toBe(false);
    expect(routed('how many first aiders do we need?')).toBe(false);
    // "do we have to" is an obligation, not a possession: a term asked about a complaint names no one.
    expect(routed('Within how many weeks do we have to respond to a formal complaint from parents?')).toBe(false);
  });

  it('"heeft <iemand> een <rol>" asks whether the role is held; the role as subject does not', () => {
    expect(who('heeft het bestuur een functionaris gegevensbescherming?')).toMatchObject({ cue: 'identity', roleId: 'functionaris-gegevensbescherming' });
    expect(routed('heeft de preventiemedewerker een cursus gevolgd?')).toBe(false);
  });

  it('"wie van de <rol>" asks for one of its holders, also for a context role', () => {
    expect(who('bij wie van de directie kan ik terecht?')).toMatchObject({ cue: 'identity', roleId: 'directie' });
    expect(routed('bij wie van de directie kan ik terecht?')).toBe(true);
    expect(who('I\'m one of the first aiders, how often is the refresher?')?.cue ?? 'none').not.toBe('identity');
  });

  it('who may become a role is an eligibility question, not a who-question', () => {
    expect(routed('wie mag er preventiemedewerker worden?')).toBe(false);
    expect(routed('who can become a confidential adviser?')).toBe(false);
  });
});

describe('questions that ask whether or where are not who-questions', () => {
  it('a whether-question about calling an organisation, or choosing between roles, is not a request for a number', () => {
    expect(routed('moet ik eerst de ib\'er bellen of meteen de GGD?')).toBe(false);
    expect(routed('can we call the GGD without giving a name?')).toBe(false);
    expect(routed('ik wil de GGD bellen')).toBe(true);
  });

  it('a whether-question about calling or mailing one colleague is about reaching them', () => {
    expect(who('kan ik de ivp ook mailen?')).toMatchObject({ detail: 'email', roleId: 'interne-vertrouwenspersoon' });
    expect(routed('mag ik een lijst met privacygegevens naar mijn mail sturen?')).toBe(false);
  });

  it('"how do I get hold of" asks how to reach someone, like "hoe krijg ik … te pakken"', () => {
    expect(who('how do I get hold of the prevention officer?')).toMatchObject({ detail: 'contact', roleId: 'preventiemedewerker' });
    expect(routed('how can a parent get hold of the external confidential adviser?')).toBe(true);
  });

  it('a whether-question that asks for a detail by its noun still asks for the contact', () => {
    expect(who('kan ik het telefoonnummer van de vertrouwenspersoon krijgen?')).toMatchObject({ detail: 'phone' });
    expect(routed('kan ik het telefoonnummer van de vertrouwenspersoon krijgen?')).toBe(true);
  });

  it('a where-question about a document is not a who-question, unless it asks for a detail by its noun', () => {
    expect(routed('where can I find the first aid kit? not in teams')).toBe(false);
    expect(routed('waar staan de regels over privacy?')).toBe(false);
    expect(routed('waar vind ik het nummer van de ivp?')).toBe(true);
  });

  it('a role or topic right before a thing names the thing: "bhv cursus", "evacuation plan", "privacy policy"', () => {
    expect(mentioned('wie geeft de bhv cursus?')).not.toContain('bhv');
    expect(mentioned('who checks the first aid kits?')).not.toContain('bhv');
    expect(mentioned('who wrote the evacuation plan?')).not.toContain('bhv');
    expect(mentioned('who wrote the privacy policy?')).not.toContain('functionaris-gegevensbescherming');
    expect(mentioned('wie is de preventiemedewerker arbo beleid?')).toContain('preventiemedewerker');
    expect(mentioned('wie is de bhv coordinator?')).toContain('bhv');
  });

  it('colleagues as the object of a task are not the role asked about; a role named after its task is the doer', () => {
    expect(mentioned('wie traint de bhv\'ers?')).not.toContain('bhv');
    expect(mentioned('who supports the intern begeleider?')).not.toContain('intern-begeleider');
    expect(mentioned('wie is de intern begeleider?')).toContain('intern-begeleider');
    expect(mentioned('wie keurt de gymtoestellen?')).toContain('keuring-gymzaal');
  });

  it('"wie mag <rol> worden" asks about eligibility; "… als ze gepest worden" does not', () => {
    expect(who('wie kan er ib\'er worden?')).toMatchObject({ cue: 'none', policyLike: true });
    expect(routed('bij wie kunnen leerlingen terecht als ze gepest worden?')).toBe(true);
  });

  it('a role contacted by "wie/who" is not the role asked about', () => {
    expect(mentioned('wie belt de GGD?')).not.toContain('ggd');
    expect(mentioned('who should inform the leerplichtambtenaar?')).not.toContain('leerplichtambtenaar');
    expect(mentioned('wie moet de GGD inschakelen?')).not.toContain('ggd');
    expect(mentioned('wie meldt het bij de GGD?')).not.toContain('ggd');
    expect(mentioned('wie beslist over een melding bij de GGD?')).not.toContain('ggd');
    expect(mentioned('who decides whether we report to the GGD?')).not.toContain('ggd');
    // Its topics elsewhere in the question do not bring it back.
    expect(mentioned('wie neemt contact op met de leerplichtambtenaar bij verzuim?')).toEqual([]);
    // "wie/who" as the one contacted: the role is the answer.
    expect(mentioned('wie moet ik bellen, de GGD?')).toContain('ggd');
    expect(mentioned('who do I report to, the GGD?')).toContain('ggd');
    expect(mentioned('welke instantie bel ik, de GGD?')).toContain('ggd');
    expect(mentioned('wat is het nummer van de GGD?')).toContain('ggd');
  });
});

describe('matching guards', () => {
  it('a plural of a listed term is the same role', () => {
    expect(who('who are the safeguarding officers?')).toMatchObject({ explicitRole: true, roleId: 'aandachtsfunctionaris' });
  });

  it('a fuzzy match never starts or ends with a function word like "als", nor drops a whole word of a name', () => {
    expect(mentioned('moet ik naar school als ik ziek ben')).toEqual([]);
    expect(mentioned('zo\'n externe deskundige')).not.toContain('externe-vertrouwenspersoon');
  });

  it('a generic head before "for/voor" + topic gives way to the topic: "contact person for domestic violence"', () => {
    expect(who('who is the contact person for domestic violence?')).toMatchObject({ roleId: 'aandachtsfunctionaris', explicitRole: true });
    expect(who('wie is het aanspreekpunt voor de meldcode?')).toMatchObject({ roleId: 'aandachtsfunctionaris', explicitRole: true });
  });
});

describe('a function held under another title', () => {
  it('an unnamed anti-bullying coordinator points to the social-safety coordinator of the same school', () => {
    const a = svc.answerWho('sooog', 'wie is het aanspreekpunt pesten?', 'nl') as WhoAnswer;
    expect(a.role.id).toBe('anti-pestcoordinator');
    expect(a.related.map((r) => r.id)).toContain('coordinator-sociale-veiligheid');
    expect(a.text).toContain('coördinator sociale veiligheid');
  });

  it('a school whose plans lack the anti-bullying coordinator but have a social-safety coordinator gets that one', () => {
    const raw = JSON.parse(fs.readFileSync(DIRECTORY_FILE, 'utf8'));
    const sooog = raw.plans.find((p: { doc: string }) => p.doc === 'sooog');
    sooog.entries = sooog.entries.filter((e: { role: string }) => e.role !== 'anti-pestcoordinator');
    const file = path.join(tempDir(), 'directory.json');
    fs.writeFileSync(file, JSON.stringify(raw));
    const a = service({ file }).answerWho('sooog', 'wie is het aanspreekpunt pesten?', 'nl') as WhoAnswer;
    expect(a.state).toBe('unnamed');
    expect(a.role.id).toBe('coordinator-sociale-veiligheid');
  });

  it('a named holder is answered as is, without pointing elsewhere', () => {
    const a = svc.answerWho('de-campus', 'wie is de anti-pestcoordinator?', 'nl') as WhoAnswer;
    expect(a.state).toBe('named');
    expect(a.related.map((r) => r.id)).not.toContain('coordinator-sociale-veiligheid');
  });
});

describe("the asker's own capacity is not the role asked", () => {
  it('"ik als <rol>" and an opening "as the <role>, I …" describe who asks', () => {
    expect(who('Bij wie kan ik als intern begeleider terecht met een klacht?')?.roleIds).toEqual(['interne-vertrouwenspersoon']);
    expect(who('As the school’s first aider I wonder who I talk to about bullying?')?.roleIds).toEqual(['anti-pestcoordinator']);
    expect(who('Als bhv-er: bij wie kan ik terecht met een klacht?')?.roleIds).toEqual(['interne-vertrouwenspersoon']);
  });

  it('"wie treedt op als <rol>" and "who acts as our <role>" still ask for the role', () => {
    expect(who('wie treedt bij ons op als aandachtsfunctionaris?')?.roleIds).toEqual(['aandachtsfunctionaris']);
    expect(who('who acts as our prevention officer?')?.roleIds).toEqual(['preventiemedewerker']);
  });
});
