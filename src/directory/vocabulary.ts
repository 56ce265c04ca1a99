/**
 * General vocabulary for finding a role in a staff question, beside each role's own names in directory.json:
 * everyday descriptions of what the role is for and the English words staff use for them. Keyed by role id;
 * a role that is not in the directory is skipped. General words only — never a phrasing of one question.
 */
export const EVERYDAY_ROLE_TOPICS: Record<string, string[]> = {
  aandachtsfunctionaris: [
    'kindermishandeling', 'mishandeling', 'mishandeld', 'mishandelt', 'huiselijk geweld', 'thuissituatie', 'zorgen over thuis', 'problemen thuis',
    'child protection', 'safeguarding', 'abuse', 'abused', 'neglect', 'home situation', 'at home', 'problems at home', 'unsafe at home',
  ],
  bhv: ['ehbo', 'eerste hulp', 'ongeluk', 'gewond', 'first aid', 'first-aid', 'injury', 'injured', 'hurt', 'accident', 'evacuation', 'fire drill'],
  'interne-vertrouwenspersoon': ['in vertrouwen', 'vertrouwelijk', 'confide', 'confidential', 'in confidence', 'trust'],
  'anti-pestcoordinator': ['pesten', 'gepest', 'pestgedrag', 'bullying', 'bullied', 'bully'],
  'functionaris-gegevensbescherming': ['privacy', 'avg', 'gdpr', 'data protection', 'personal data', 'persoonsgegevens'],
  preventiemedewerker: ['health and safety', 'arbo', 'veilige werkplek', 'working conditions'],
  'ict-coordinator': ['hacked', 'gehackt', 'account', 'wachtwoord gelekt', 'phishing', 'it problem', 'computer problem'],
  'intern-begeleider': ['zorgleerling', 'extra ondersteuning', 'special needs', 'extra support', 'learning support'],
  leerplichtambtenaar: ['verzuim', 'spijbelen', 'truancy', 'skipping school', 'absent a lot'],
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
