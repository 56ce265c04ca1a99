/**
 * General vocabulary for finding a role in a staff question, beside each role's own names in directory.json:
 * everyday descriptions of what the role is for and the English words staff use for them. Keyed by role id;
 * a role that is not in the directory is skipped. General words only — never a phrasing of one question.
 */
export const EVERYDAY_ROLE_TOPICS: Record<string, string[]> = {
  aandachtsfunctionaris: [
    'kindermishandeling', 'mishandeling', 'mishandeld', 'mishandelt', 'huiselijk geweld', 'thuissituatie', 'zorgen over thuis', 'problemen thuis',
    // The meldcode's own word for a first, vague suspicion.
    'niet pluis', 'niet pluis gevoel', 'niet pluisgevoel',
    'child protection', 'safeguarding', 'abuse', 'abused', 'neglect', 'home situation', 'at home', 'problems at home', 'unsafe at home',
  ],
  bhv: ['ehbo', 'eerste hulp', 'ongeluk', 'gewond', 'first aid', 'first-aid', 'injury', 'injured', 'hurt', 'accident', 'evacuation', 'fire drill'],
  'interne-vertrouwenspersoon': ['in vertrouwen', 'vertrouwelijk', 'confide', 'confidential', 'in confidence', 'trust'],
  // What the external confidential adviser is for: someone outside the school, independent of it.
  'externe-vertrouwenspersoon': [
    'buiten de school', 'buiten school', 'buiten de school om', 'buiten school om', 'van buiten de school', 'iemand van buiten', 'iemand onafhankelijks', 'onafhankelijk iemand',
    'outside the school', 'outside school', 'someone outside', 'somebody outside', 'someone independent', 'somebody independent',
  ],
  'anti-pestcoordinator': ['pesten', 'gepest', 'pestgedrag', 'bullying', 'bullied', 'bully'],
  'functionaris-gegevensbescherming': ['privacy', 'avg', 'gdpr', 'data protection', 'personal data', 'persoonsgegevens'],
  preventiemedewerker: ['health and safety', 'arbo', 'arbovraag', 'arbovragen', 'arbozaken', 'veilige werkplek', 'working conditions'],
  'ict-coordinator': ['hacked', 'gehackt', 'account', 'wachtwoord gelekt', 'phishing', 'it problem', 'computer problem'],
  'intern-begeleider': ['zorgleerling', 'extra ondersteuning', 'special needs', 'extra support', 'learning support'],
  leerplichtambtenaar: ['verzuim', 'spijbelen', 'truancy', 'skipping school', 'absent a lot'],
  // The school's management answers for its safety plan ("met vragen over het veiligheidsplan kun je bij de directie terecht").
  directie: ['veiligheidsplan', 'schoolveiligheidsplan', 'sociaal veiligheidsplan', 'safety plan', 'social safety plan', 'school safety plan'],
  // The external arbo expert (recognised training) advises on complex arbo questions ("bij complexere Arbo
  // vraagstukken", as a plan's role table puts it); the prevention officer is the everyday arbo contact.
  arbodeskundige: ['deskundig advies', 'advies van een deskundige', 'complexe arbovraag', 'complexe arbovragen', 'arbovraagstuk', 'arbovraagstukken', 'expert advice', 'certified expert', 'qualified expert', 'complex arbo'],
};

/**
 * Words that make a topic into a role when they follow it ("first aid person", "privacy contact", "pest persoon",
 * "bullying lead") or a role's own name when they replace its head ("child protection officer" → "… person").
 */
export const ROLE_HEADS = new Set([
  'person', 'persons', 'people', 'contact', 'contacts', 'lead', 'officer', 'coordinator', 'guy', 'expert', 'adviser', 'advisor',
  'persoon', 'personen', 'contactpersoon', 'aanspreekpunt', 'coordinator', 'coordinatoren', 'functionaris', 'man', 'vrouw', 'mens',
]);

/** Words before a topic that make it a role: "someone for bullying", "iemand voor ehbo". */
export const ROLE_LEADS = ['someone for', 'somebody for', 'anyone for', 'a person for', 'iemand voor', 'persoon voor', 'aanspreekpunt voor'];

/**
 * Things, not people: a role word or topic right before one of these names the thing ("bhv cursus", "evacuation
 * plan", "pest protocol"), so the question is about the thing and not about who holds the role.
 * `forRoles` may also follow an explicit role name; `forTopics` only a topic ("arbo beleid" is a plan's role title).
 */
export const OBJECT_HEADS = {
  forRoles: new Set([
    'cursus', 'cursussen', 'herhalingscursus', 'training', 'trainingen', 'opleiding', 'scholing', 'oefening', 'oefeningen',
    'course', 'courses', 'refresher', 'refreshers', 'trainings', 'drill', 'drills',
    'plan', 'plannen', 'protocol', 'protocollen', 'formulier', 'formulieren', 'document', 'documenten', 'dossier', 'dossiers',
    'form', 'forms', 'plans', 'protocols', 'documents', 'file', 'certificaat', 'certificate', 'diploma', 'map', 'checklist', 'rooster', 'schedule',
    'doos', 'dozen', 'kist', 'koffer', 'tas', 'materiaal', 'materialen', 'spullen', 'kit', 'kits', 'box', 'boxes', 'bag', 'equipment', 'supplies',
  ]),
  forTopics: new Set(['beleid', 'policy', 'policies', 'regeling', 'regels', 'rules', 'procedure', 'procedures', 'reglement', 'richtlijn', 'richtlijnen', 'guidelines']),
};

/**
 * Roles that come as an inside and an outside variant of one function. A modifier in the question (see
 * {@link ROLE_MODIFIERS}) picks the variant when the words that matched do not name one themselves
 * ("vertrouwenspersoon", "in confidence" + "outside the school", "arbovraag" + "externe deskundige").
 */
export const ROLE_VARIANTS: { internal: string; external: string }[] = [
  { internal: 'interne-vertrouwenspersoon', external: 'externe-vertrouwenspersoon' },
  { internal: 'preventiemedewerker', external: 'arbodeskundige' },
];

/** Words that say which variant is meant. A modifier after a negation ("niet via iemand binnen school") does not count. */
export const ROLE_MODIFIERS: { internal: string[]; external: string[]; negations: string[] } = {
  external: [
    'extern', 'externe', 'external', 'externally', 'outside', 'buiten de school', 'buiten school', 'van buiten', 'buitenaf',
    'onafhankelijk', 'onafhankelijke', 'onafhankelijks', 'independent',
  ],
  internal: ['intern', 'interne', 'internal', 'binnen de school', 'binnen school', 'within the school', 'inside the school', 'in house', 'in huis'],
  negations: ['niet', 'geen', 'not', 'zonder', 'without', 'instead', 'rather'],
};

/**
 * Contact verbs and nouns: a role right after "wie/who … <verb>" is the one being contacted, not the one asked about
 * ("who calls Veilig Thuis?" asks who makes the call). Third person (after "wie/who"), infinitive ("wie moet
 * … bellen", "who decides whether we report to …") and nouns ("melding bij …").
 */
export const CONTACT_VERBS = {
  thirdPerson: new Set([
    'belt', 'contacteert', 'informeert', 'waarschuwt', 'schakelt', 'inschakelt', 'licht', 'inlicht', 'meldt', 'betrekt', 'mailt', 'benadert',
    'calls', 'contacts', 'phones', 'rings', 'informs', 'notifies', 'alerts', 'involves', 'reports', 'emails', 'mails', 'approaches',
  ]),
  infinitive: new Set([
    'bellen', 'contacteren', 'informeren', 'waarschuwen', 'inschakelen', 'inlichten', 'betrekken', 'mailen', 'benaderen', 'opbellen',
    'call', 'contact', 'phone', 'ring', 'inform', 'notify', 'alert', 'involve', 'email', 'approach', 'report', 'refer',
  ]),
  /** "een melding bij Veilig Thuis", "a referral to the GGD". */
  nouns: new Set(['melding', 'meldingen', 'doorverwijzing', 'verwijzing', 'aanmelding', 'report', 'referral', 'notification']),
};

/**
 * Roles that hold one function under different titles: where a school's plan leaves one unnamed or lacks it, the
 * other may be who holds it. The "aanspreekpunt pesten" the law asks for is often the coördinator sociale veiligheid.
 */
export const SAME_FUNCTION: Record<string, string[]> = {
  'anti-pestcoordinator': ['coordinator-sociale-veiligheid'],
};
