/** knowledge/people.json: who holds which role at which school or board. Pure validation, no I/O. */
import { z } from 'zod';
import type { SchoolList } from '../knowledge/schools';

/**
 * Roles a person can hold. Dutch terms, as schools use them: directeur, adjunct-directeur, aandachtsfunctionaris
 * (meldcode), intern begeleider (IB), anti-pestcoördinator, (interne) vertrouwenspersoon, preventiemedewerker,
 * bestuur (board), and the technical admin (operational data only, never report content).
 */
export const ROLES = [
  'directeur',
  'adjunct-directeur',
  'aandachtsfunctionaris',
  'intern-begeleider',
  'anti-pestcoordinator',
  'vertrouwenspersoon',
  'preventiemedewerker',
  'bestuur',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const grantSchema = z
  .object({
    role: z.enum(ROLES),
    school: z.string().min(1).optional(),
    board: z.string().min(1).optional(),
  })
  .strict();

const personSchema = z
  .object({
    $comment: z.string().optional(),
    aadObjectId: z.string().regex(GUID, 'must be a GUID (Entra ID object id)').optional(),
    upn: z.string().regex(EMAIL_LIKE, 'must look like an e-mail address (user@domain)').optional(),
    name: z.string().trim().min(1),
    // Empty: listed for her name only; she is staff of the school she chooses, like someone not in the file.
    grants: z.array(grantSchema),
  })
  .strict();

const peopleFileShape = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    people: z.array(personSchema),
  })
  .strict();

export type PeopleFile = z.infer<typeof peopleFileShape>;
export type PersonEntry = PeopleFile['people'][number];
export type GrantEntry = PersonEntry['grants'][number];

/**
 * The people file schema, cross-checked against the school list: every school and board must exist, every grant
 * names exactly one school or board (admin: neither), and no aadObjectId or upn appears twice. Messages name
 * the entry ("people[2] (Anna de Vries)") so the admin finds it.
 */
export function peopleFileSchema(schools: SchoolList) {
  const schoolIds = new Set(schools.schools.map((s) => s.id));
  const boardIds = new Set(schools.boards.map((b) => b.id));
  return peopleFileShape.superRefine((file, ctx) => {
    const byAad = new Map<string, number>();
    const byUpn = new Map<string, number>();
    file.people.forEach((p, i) => {
      const who = `people[${i}] (${p.name})`;
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['people', i, ...path], message: `${who}: ${message}` });
      if (!p.aadObjectId && !p.upn) issue([], 'needs an aadObjectId or a upn (or both)');
      if (p.aadObjectId) {
        const key = p.aadObjectId.toLowerCase();
        const first = byAad.get(key);
        if (first !== undefined) issue(['aadObjectId'], `duplicate aadObjectId "${p.aadObjectId}" (also people[${first}])`);
        else byAad.set(key, i);
      }
      if (p.upn) {
        const key = p.upn.toLowerCase();
        const first = byUpn.get(key);
        if (first !== undefined) issue(['upn'], `duplicate upn "${p.upn}" (also people[${first}])`);
        else byUpn.set(key, i);
      }
      p.grants.forEach((g, j) => {
        const at = ['grants', j];
        if (g.role === 'admin') {
          if (g.school !== undefined || g.board !== undefined) issue(at, `grant ${j} (admin) must name neither a school nor a board: admin is not tied to a school`);
          return;
        }
        if ((g.school === undefined) === (g.board === undefined)) {
          issue(at, `grant ${j} (${g.role}) must name exactly one of "school" or "board"`);
          return;
        }
        if (g.school !== undefined && !schoolIds.has(g.school)) issue([...at, 'school'], `grant ${j} (${g.role}): unknown school "${g.school}" (not in schools.json)`);
        if (g.board !== undefined && !boardIds.has(g.board)) issue([...at, 'board'], `grant ${j} (${g.role}): unknown board "${g.board}" (not in schools.json)`);
      });
    });
  });
}
