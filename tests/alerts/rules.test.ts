import * as fs from 'fs';
import * as path from 'path';
import { alertPlan, loadAlertRules, parseAlertRules, type AlertReport, type AlertRules, type AlertRulesContext } from '../../src/alerts/rules';
import { loadSchools } from '../../src/knowledge/schools';
import { loadFlows } from '../../src/reports/flows';
import { loadTaxonomy } from '../../src/reports/taxonomy';
import type { FieldValue, ReportType } from '../../src/reports/types';
import { makeTempDir } from '../support/temp-dir';

const KNOWLEDGE = path.join(__dirname, '..', '..', 'knowledge');
const SCHOOLS = loadSchools(KNOWLEDGE);
const CTX: AlertRulesContext = {
  schools: SCHOOLS,
  taxonomy: loadTaxonomy(path.join(KNOWLEDGE, 'reports', 'taxonomy.json'), SCHOOLS.schools),
  flows: loadFlows(path.join(KNOWLEDGE, 'reports', 'flows.json')),
};
const boardOf = (school: string) => SCHOOLS.schools.find((s) => s.id === school)?.board;
const SHIPPED = loadAlertRules(path.join(KNOWLEDGE, 'alerts.json'), SCHOOLS);

// Written out by hand, independent of knowledge/alerts.json: "role:urgency" per recipient, [minutes, roles] per step.
const DIRECT_ESCALATION: [number, string[]][] = [
  [60, ['adjunct-directeur']],
  [120, ['bestuur']],
];

interface Row {
  name: string;
  school: string;
  type: ReportType;
  category?: string;
  fields?: Record<string, FieldValue>;
  severe?: boolean;
  concernsDirector?: boolean;
  recipients: string[];
  escalation: [number, string[]][];
}

const rows: Row[] = [
  // vermoeden zedendelict: meldplicht (WPO art. 4a)
  { name: 'zeden: board and director at once', school: 'conexus', type: 'vermoeden-zedendelict', fields: { boardInformed: 'nee', directorInformed: 'nee' }, recipients: ['bestuur:direct', 'directeur:direct'], escalation: [[15, ['bestuur']]] },
  { name: 'zeden: also when the reporter says both are informed', school: 'de-nieuwe-kring', type: 'vermoeden-zedendelict', fields: { boardInformed: 'ja', directorInformed: 'ja' }, recipients: ['bestuur:direct', 'directeur:direct'], escalation: [[15, ['bestuur']]] },
  { name: 'zeden about the director: board only', school: 'sooog', type: 'vermoeden-zedendelict', concernsDirector: true, recipients: ['bestuur:direct'], escalation: [[15, ['bestuur']]] },
  { name: 'zeden about the director, marked ernstig: still board only, no director escalation', school: 'de-campus', type: 'vermoeden-zedendelict', concernsDirector: true, severe: true, recipients: ['bestuur:direct'], escalation: [[15, ['bestuur']]] },
  { name: 'zeden marked ernstig: escalation chains merged', school: 'wij-de-venen', type: 'vermoeden-zedendelict', severe: true, recipients: ['bestuur:direct', 'directeur:direct'], escalation: [[15, ['bestuur']], ...DIRECT_ESCALATION] },
  // zorg thuissituatie (meldcode)
  { name: 'zorg with acute danger', school: 'conexus', type: 'zorg-thuissituatie', fields: { acuteDanger: 'ja' }, recipients: ['aandachtsfunctionaris:direct', 'directeur:direct'], escalation: [[30, ['adjunct-directeur']], [60, ['bestuur']]] },
  { name: 'zorg, acute danger unknown (weet-niet) counts as acute', school: 'de-campus', type: 'zorg-thuissituatie', fields: { acuteDanger: 'weet-niet' }, recipients: ['aandachtsfunctionaris:direct', 'directeur:direct'], escalation: [[30, ['adjunct-directeur']], [60, ['bestuur']]] },
  { name: 'zorg without acute danger: aandachtsfunctionaris, normal', school: 'de-nieuwe-kring', type: 'zorg-thuissituatie', fields: { acuteDanger: 'nee', consulted: ['intern-begeleider'] }, recipients: ['aandachtsfunctionaris:normal'], escalation: [] },
  { name: 'zorg without the acuteDanger field', school: 'sooog', type: 'zorg-thuissituatie', recipients: ['aandachtsfunctionaris:normal'], escalation: [] },
  { name: 'zorg without acute danger, marked ernstig', school: 'wij-de-venen', type: 'zorg-thuissituatie', fields: { acuteDanger: 'nee' }, severe: true, recipients: ['aandachtsfunctionaris:normal', 'directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'zorg acute and ernstig: steps merged by time', school: 'conexus', type: 'zorg-thuissituatie', fields: { acuteDanger: 'ja' }, severe: true, recipients: ['aandachtsfunctionaris:direct', 'directeur:direct'], escalation: [[30, ['adjunct-directeur']], [60, ['adjunct-directeur', 'bestuur']], [120, ['bestuur']]] },
  // incidents: weapons, threats, sexual harassment, discrimination (per school's own category list)
  { name: 'threat (Conexus list)', school: 'conexus', type: 'incident', category: 'bedreiging', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'discrimination/racism (default list)', school: 'wij-de-venen', type: 'incident', category: 'discriminatie-racisme', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'sexual harassment (default list)', school: 'sooog', type: 'incident', category: 'seksuele-intimidatie', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'safety at risk (De Nieuwe Kring)', school: 'de-nieuwe-kring', type: 'incident', category: 'veiligheid-in-gedrang', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'weapons (De Campus override)', school: 'de-campus', type: 'incident', category: 'wapens', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'aggressive pupil, no injury (De Campus override: serious incident by its plan)', school: 'de-campus', type: 'incident', category: 'agressief-gedrag-leerling', fields: { firstAid: false }, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  // physical violence: only with injury (first aid given or 112 called)
  { name: 'violence without injury: no alert', school: 'conexus', type: 'incident', category: 'geweld', fields: { firstAid: false, called112: false, parentsInformed: 'ja' }, recipients: [], escalation: [] },
  { name: 'violence with first aid', school: 'conexus', type: 'incident', category: 'geweld', fields: { firstAid: true, called112: false }, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'fight with 112 called', school: 'sooog', type: 'incident', category: 'vechtsituatie', fields: { called112: true }, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'physical violence with first aid (De Nieuwe Kring)', school: 'de-nieuwe-kring', type: 'incident', category: 'fysiek-geweld', fields: { firstAid: true }, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'aggression with first aid and 112: one recipient, one chain', school: 'wij-de-venen', type: 'incident', category: 'agressie', fields: { firstAid: true, called112: true }, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'a police call alone is not an injury', school: 'conexus', type: 'incident', category: 'geweld', fields: { police: true }, recipients: [], escalation: [] },
  { name: 'violence about the director: no board-only rule, director stays', school: 'conexus', type: 'incident', category: 'geweld', fields: { firstAid: true }, concernsDirector: true, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  // bullying
  { name: 'bullying: anti-pestcoordinator, normal', school: 'conexus', type: 'incident', category: 'pesten', recipients: ['anti-pestcoordinator:normal'], escalation: [] },
  { name: 'targeted bullying (De Nieuwe Kring)', school: 'de-nieuwe-kring', type: 'incident', category: 'gericht-pestgedrag', recipients: ['anti-pestcoordinator:normal'], escalation: [] },
  { name: 'bullying marked ernstig', school: 'de-campus', type: 'incident', category: 'pesten', severe: true, recipients: ['anti-pestcoordinator:normal', 'directeur:direct'], escalation: DIRECT_ESCALATION },
  // other incidents
  { name: 'running away: no alert', school: 'de-nieuwe-kring', type: 'incident', category: 'weglopen', recipients: [], escalation: [] },
  { name: 'running away marked ernstig', school: 'de-nieuwe-kring', type: 'incident', category: 'weglopen', severe: true, recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'threat at De Campus is not on its list: the override replaced the default', school: 'de-campus', type: 'incident', category: 'bedreiging', recipients: [], escalation: [] },
  // aggression against staff
  { name: 'aggression against staff by a parent', school: 'de-campus', type: 'agressie-personeel', category: 'agressie-door-ouder', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  { name: 'aggression against staff by a third party', school: 'sooog', type: 'agressie-personeel', category: 'agressie-door-derde', recipients: ['directeur:direct'], escalation: DIRECT_ESCALATION },
  // accidents
  { name: 'staff accident with hospital admission', school: 'wij-de-venen', type: 'ongeval', category: 'ongeval-personeel', fields: { medicalCare: 'ziekenhuis', hospitalAdmission: true }, recipients: ['directeur:direct', 'preventiemedewerker:direct'], escalation: DIRECT_ESCALATION },
  { name: 'staff accident with hospital admission at Conexus (board rule merged)', school: 'conexus', type: 'ongeval', category: 'ongeval-personeel', fields: { hospitalAdmission: true }, recipients: ['directeur:direct', 'preventiemedewerker:direct'], escalation: DIRECT_ESCALATION },
  { name: 'staff accident without admission at Conexus: board rule, preventiemedewerker normal', school: 'conexus', type: 'ongeval', category: 'ongeval-personeel', fields: { medicalCare: 'huisarts', hospitalAdmission: false }, recipients: ['preventiemedewerker:normal'], escalation: [] },
  { name: 'staff accident without admission elsewhere: no alert', school: 'de-nieuwe-kring', type: 'ongeval', category: 'ongeval-personeel', fields: { medicalCare: 'ehbo' }, recipients: [], escalation: [] },
  { name: 'pupil accident with hospital admission: not a staff accident', school: 'sooog', type: 'ongeval', category: 'ongeval-leerling', fields: { hospitalAdmission: true }, recipients: [], escalation: [] },
];

describe('alertPlan with the shipped rules (table)', () => {
  test.each(rows)('$name', (row) => {
    const report: AlertReport = {
      school: row.school,
      type: row.type,
      category: row.category,
      fields: row.fields ?? {},
      severe: row.severe,
      concernsDirector: row.concernsDirector,
    };
    const plan = alertPlan(SHIPPED, report, boardOf);
    expect(plan.recipients.map((r) => `${r.role}:${r.urgency}`).sort()).toEqual([...row.recipients].sort());
    expect(plan.escalation.map((s) => [s.afterMinutes, [...s.roles].sort()])).toEqual(row.escalation.map(([m, roles]) => [m, [...roles].sort()]));
    // No duplicates, and every recipient names the rules that alert it.
    expect(new Set(plan.recipients.map((r) => r.role)).size).toBe(plan.recipients.length);
    for (const r of plan.recipients) for (const id of r.rules) expect(plan.matched).toContain(id);
  });

  test('a recipient lists every rule that alerts it; matched lists every matching rule', () => {
    const plan = alertPlan(SHIPPED, { school: 'conexus', type: 'ongeval', category: 'ongeval-personeel', fields: { hospitalAdmission: true }, severe: true }, boardOf);
    expect(plan.matched.sort()).toEqual(['ernstig', 'ongeval-personeel-meldpunt', 'ongeval-personeel-ziekenhuis']);
    expect(plan.recipients.find((r) => r.role === 'preventiemedewerker')?.rules.sort()).toEqual(['ongeval-personeel-meldpunt', 'ongeval-personeel-ziekenhuis']);
    expect(plan.recipients.find((r) => r.role === 'directeur')?.rules.sort()).toEqual(['ernstig', 'ongeval-personeel-ziekenhuis']);
  });

  test('a report that matches nothing: no recipients, no escalation, nothing matched', () => {
    expect(alertPlan(SHIPPED, { school: 'conexus', type: 'incident', category: 'vernieling-diefstal', fields: {} }, boardOf)).toEqual({ recipients: [], escalation: [], matched: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------------

const rule = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  when: { type: 'incident', categories: ['pesten'] },
  notify: [{ roles: ['directeur'], urgency: 'normal' }],
  ...extra,
});
const file = (defaults: unknown[], more: Record<string, unknown> = {}) => ({ version: 1, default: { rules: defaults }, ...more });
const parse = (raw: unknown): AlertRules => parseAlertRules(raw, CTX);

describe('loading: the shipped rules and refusals', () => {
  test('knowledge/alerts.json validates and has the rules the issue names', () => {
    expect(SHIPPED.default.map((r) => r.id)).toEqual(
      expect.arrayContaining(['zeden-meldplicht', 'zorg-acuut', 'zorg-aandachtsfunctionaris', 'incident-ernstig', 'agressie-personeel', 'ongeval-personeel-ziekenhuis', 'pesten', 'ernstig']),
    );
  });

  test('the rules are read from the file beside its reports/ folder; an invalid file names file and rule', () => {
    const tmp = makeTempDir();
    try {
      fs.cpSync(path.join(KNOWLEDGE, 'reports'), path.join(tmp.dir, 'reports'), { recursive: true });
      const f = path.join(tmp.dir, 'alerts.json');
      fs.writeFileSync(f, JSON.stringify(file([rule('x', { notify: [{ roles: ['schoolhoofd'], urgency: 'direct' }] })])));
      expect(() => loadAlertRules(f, SCHOOLS)).toThrow(/alerts\.json is ongeldig[\s\S]*default rule "x"\.notify\.0\.roles\.0[\s\S]*schoolhoofd/);
      fs.writeFileSync(f, '{ nope');
      expect(() => loadAlertRules(f, SCHOOLS)).toThrow(/onleesbaar/);
    } finally {
      tmp.cleanup();
    }
  });

  const refusals: { name: string; raw: unknown; message: RegExp }[] = [
    { name: 'unknown role', raw: file([rule('r1', { notify: [{ roles: ['conciërge'], urgency: 'direct' }] })]), message: /default rule "r1"\.notify\.0\.roles\.0: .*conciërge/ },
    { name: 'unknown role in a school override', raw: file([rule('r1')], { schools: { 'de-campus': { rules: [rule('r1', { escalate: [{ afterMinutes: 5, roles: ['schoolhoofd'] }] })] } } }), message: /schools\.de-campus rule "r1"\.escalate\.0\.roles\.0: .*schoolhoofd/ },
    { name: 'admin is never alerted', raw: file([rule('r1', { notify: [{ roles: ['admin'], urgency: 'normal' }] })]), message: /default rule "r1": role "admin" is never alerted/ },
    { name: 'unknown category', raw: file([rule('r2', { when: { type: 'incident', categories: ['brandstichting'] } })]), message: /default rule "r2": unknown category "brandstichting"/ },
    { name: 'category of another type', raw: file([rule('r3', { when: { type: 'ongeval', categories: ['pesten'] } })]), message: /default rule "r3": category "pesten" is not a category of type ongeval/ },
    { name: 'category not on the school\'s own list', raw: file([rule('r1')], { schools: { 'de-nieuwe-kring': { rules: [rule('r4')] } } }), message: /schools\.de-nieuwe-kring rule "r4": category "pesten" is not a category of type incident at school de-nieuwe-kring/ },
    { name: 'categories on a type without categories', raw: file([rule('r5', { when: { type: 'zorg-thuissituatie', categories: ['pesten'] } })]), message: /default rule "r5": report type "zorg-thuissituatie" has no categories/ },
    { name: 'unknown report type', raw: file([rule('r6', { when: { type: 'brand' } })]), message: /default rule "r6"\.when\.type/ },
    { name: 'unknown school', raw: file([rule('r1')], { schools: { 'de-regenboog': { rules: [] } } }), message: /schools\.de-regenboog: unknown school "de-regenboog"/ },
    { name: 'unknown board', raw: file([rule('r1')], { boards: { spoor: { rules: [] } } }), message: /boards\.spoor: unknown board "spoor"/ },
    { name: 'unknown field', raw: file([rule('r7', { when: { type: 'incident', fields: [{ field: 'injured', equals: true }] } })]), message: /default rule "r7": unknown field "injured"/ },
    { name: 'field of another flow', raw: file([rule('r8', { when: { type: 'incident', fields: [{ field: 'hospitalAdmission', equals: true }] } })]), message: /default rule "r8": unknown field "hospitalAdmission" \(the incident flow/ },
    { name: 'unknown option', raw: file([rule('r9', { when: { type: 'zorg-thuissituatie', fields: [{ field: 'acuteDanger', in: ['ja', 'misschien'] }] } })]), message: /default rule "r9": field "acuteDanger" has no option "misschien"/ },
    { name: 'toggle compared with a string', raw: file([rule('r10', { when: { type: 'incident', fields: [{ field: 'firstAid', equals: 'ja' }] } })]), message: /default rule "r10": field "firstAid" is a toggle/ },
    { name: 'condition on free text', raw: file([rule('r11', { when: { type: 'incident', fields: [{ field: 'facts', equals: 'x' }] } })]), message: /default rule "r11": field "facts" is multiline; conditions only/ },
    { name: 'escalation without a direct recipient', raw: file([rule('r12', { escalate: [{ afterMinutes: 10, roles: ['bestuur'] }] })]), message: /default rule "r12": escalate needs a direct recipient/ },
    { name: 'escalation out of order', raw: file([rule('r13', { notify: [{ roles: ['directeur'], urgency: 'direct' }], escalate: [{ afterMinutes: 60, roles: ['bestuur'] }, { afterMinutes: 30, roles: ['adjunct-directeur'] }] })]), message: /default rule "r13": escalate steps must be in increasing afterMinutes/ },
    { name: 'duplicate rule id', raw: file([rule('r14'), rule('r14')]), message: /default rule "r14": duplicate rule id/ },
    { name: 'boardOnly without bestuur', raw: file([rule('r15', { directorConcerned: 'boardOnly' })]), message: /default rule "r15": directorConcerned "boardOnly" needs "bestuur"/ },
    { name: 'switching off a rule with a legal duty', raw: file([rule('r16', { legal: { law: 'WPO', article: 'art. 4a' } })], { schools: { sooog: { rules: [{ id: 'r16', disabled: true }] } } }), message: /schools\.sooog rule "r16": may not be switched off: it carries a legal duty \(WPO art\. 4a\)/ },
    { name: 'override of a legal rule that drops a direct recipient', raw: file([rule('r17', { legal: { law: 'WPO' }, notify: [{ roles: ['bestuur', 'directeur'], urgency: 'direct' }] })], { boards: { amos: { rules: [rule('r17', { notify: [{ roles: ['directeur'], urgency: 'direct' }] })] } } }), message: /boards\.amos rule "r17": overrides a rule with a legal duty but no longer alerts bestuur directly/ },
    { name: 'switching off a rule that is not inherited', raw: file([rule('r1')], { schools: { sooog: { rules: [{ id: 'nope', disabled: true }] } } }), message: /schools\.sooog rule "nope": switches off a rule that is not inherited/ },
  ];

  test.each(refusals)('refused: $name', ({ raw, message }) => {
    expect(() => parse(raw)).toThrow(message);
  });

  test('all problems are reported at once', () => {
    const raw = file([rule('a', { notify: [{ roles: ['admin'], urgency: 'normal' }] }), rule('b', { when: { type: 'incident', categories: ['xyz'] } })]);
    expect(() => parse(raw)).toThrow(/rule "a"[\s\S]*rule "b"/);
  });
});

describe('precedence: school override beats board default beats default, per rule id', () => {
  const notifyOnly = (r: string, urgency = 'normal') => [{ roles: [r], urgency }];
  const rules = parse(
    file([rule('r', { notify: notifyOnly('directeur') }), rule('keep', { notify: notifyOnly('intern-begeleider') })], {
      boards: {
        // asg = De Campus, amos = De Nieuwe Kring
        asg: { rules: [rule('r', { notify: notifyOnly('vertrouwenspersoon') })] },
        amos: { rules: [rule('r', { when: { type: 'incident', categories: ['gericht-pestgedrag'] }, notify: notifyOnly('vertrouwenspersoon') }), rule('extra', { when: { type: 'incident', categories: ['gericht-pestgedrag'] }, notify: notifyOnly('bestuur') })] },
      },
      schools: {
        'de-nieuwe-kring': { rules: [rule('r', { when: { type: 'incident', categories: ['gericht-pestgedrag'] }, notify: notifyOnly('anti-pestcoordinator', 'direct') })] },
        conexus: { rules: [{ id: 'keep', disabled: true }] },
      },
    }),
  );
  const table: { school: string; category: string; recipients: string[]; matched: string[] }[] = [
    { school: 'sooog', category: 'pesten', recipients: ['directeur:normal', 'intern-begeleider:normal'], matched: ['r', 'keep'] },
    { school: 'de-campus', category: 'pesten', recipients: ['intern-begeleider:normal', 'vertrouwenspersoon:normal'], matched: ['r', 'keep'] },
    { school: 'de-nieuwe-kring', category: 'gericht-pestgedrag', recipients: ['anti-pestcoordinator:direct', 'bestuur:normal'], matched: ['r', 'extra'] },
    { school: 'conexus', category: 'pesten', recipients: ['directeur:normal'], matched: ['r'] },
  ];
  test.each(table)('$school', ({ school, category, recipients, matched }) => {
    const plan = alertPlan(rules, { school, type: 'incident', category, fields: {} }, boardOf);
    expect(plan.recipients.map((r) => `${r.role}:${r.urgency}`).sort()).toEqual([...recipients].sort());
    expect(plan.matched).toEqual(matched);
  });

  test('an unknown board for the school: the defaults and the school\'s own rules', () => {
    const plan = alertPlan(rules, { school: 'de-campus', type: 'incident', category: 'pesten', fields: {} }, () => undefined);
    expect(plan.recipients.map((r) => r.role).sort()).toEqual(['directeur', 'intern-begeleider']);
  });

  test('alertPlan is pure: the rules are not changed by evaluating them', () => {
    const before = JSON.stringify(SHIPPED);
    alertPlan(SHIPPED, { school: 'conexus', type: 'zorg-thuissituatie', fields: { acuteDanger: 'ja' }, severe: true }, boardOf);
    expect(JSON.stringify(SHIPPED)).toBe(before);
  });
});
