/**
 * The reviewed role directory (knowledge/directory.json) as a zod schema.
 * Every holder value is copied from a plan and carries a citation; states are explicit, never guessed.
 */
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

/** Where a value comes from: the plan (doc id), the section as printed in the plan, and a short verbatim quote. */
export const citationSchema = z.object({
  doc: nonEmpty,
  section: nonEmpty,
  quote: nonEmpty,
});

const localized = z.object({ nl: nonEmpty, en: nonEmpty });
const localizedList = z.object({ nl: z.array(nonEmpty), en: z.array(nonEmpty) });

export const roleSchema = z.object({
  /** Canonical id, e.g. "anti-pestcoordinator". */
  id: z.string().regex(/^[a-z0-9-]+$/, 'role id: lowercase letters, digits and hyphens'),
  /** A person-type role (a colleague) or an organisation (Veilig Thuis, Arbo Unie). */
  kind: z.enum(['person', 'organisation']),
  name: localized,
  /** Names staff use for the role: abbreviations, informal forms, English. A match means the question names the role. */
  synonyms: localizedList,
  /** Subject words from the role's tasks; a match suggests the role but is not an explicit mention. */
  topics: localizedList.optional(),
});

export const holderSchema = z
  .object({
    name: nonEmpty,
    kind: z.enum(['person', 'organisation']),
    email: z.string().email().nullable().default(null),
    phone: nonEmpty.nullable().default(null),
    organisation: nonEmpty.nullable().default(null),
    url: z.string().url().optional(),
    /** Teams identity, filled in by an admin when known (maps a Teams user to a role). */
    aadObjectId: z.string().uuid().optional(),
    upn: z.string().email().optional(),
    citation: citationSchema,
  })
  .strict();

/** A plan's exception for one school: e.g. Conexus "voor Het Talent alleen Roy Ploegmakers". */
export const exceptionSchema = z
  .object({
    school: z.string().regex(/^[a-z0-9-]+$/),
    /** The school's name as the plan prints it. */
    schoolName: nonEmpty,
    /** Holders (by name) that do not serve this school. */
    excludeHolders: z.array(nonEmpty).default([]),
    /** The whole entry does not apply to this school. */
    excludeEntry: z.boolean().default(false),
    citation: citationSchema,
  })
  .strict();

export const entrySchema = z
  .object({
    role: nonEmpty,
    /** Whether the plan places the role at board level (bestuursniveau) or at each school. */
    level: z.enum(['board', 'school']),
    /** The role's name as this plan writes it. */
    planName: nonEmpty,
    /** Other words this plan uses for the role; they win over generic synonyms when resolving a question. */
    planTerms: z.array(nonEmpty).default([]),
    /** What the role does, in the plan's own words (short). */
    does: nonEmpty,
    citation: citationSchema,
    state: z.enum(['named', 'unnamed', 'conflict']),
    holders: z.array(holderSchema).default([]),
    /** For unnamed roles: who holds it, in the plan's words ("1 per school", "meestal KC of uit zorgteam"). */
    description: nonEmpty.optional(),
    /** Further places in the plan that say something about the role. */
    sources: z.array(citationSchema).default([]),
    /** An unfilled placeholder the plan left for this role. */
    placeholder: citationSchema.optional(),
    exceptions: z.array(exceptionSchema).default([]),
    /** Related roles worth pointing to (e.g. tasks described under another role). */
    seeAlso: z.array(nonEmpty).default([]),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const count = entry.holders.length;
    if (entry.state === 'named' && count < 1)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['holders'], message: 'state "named" needs at least one holder' });
    if (entry.state === 'conflict' && count < 2)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['holders'], message: 'state "conflict" needs every name the plan gives (at least two)' });
    if (entry.state === 'unnamed' && count > 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['holders'], message: 'state "unnamed" must not list holders' });
    if (entry.state === 'unnamed' && !entry.description)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['description'], message: 'state "unnamed" needs the plan\'s description of who holds the role' });
  });

const planScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('board'), board: nonEmpty }),
  z.object({ level: z.literal('school'), board: nonEmpty, schools: z.array(nonEmpty).min(1) }),
]);

export const planSchema = z
  .object({
    doc: nonEmpty,
    title: nonEmpty,
    scope: planScopeSchema,
    /** Raw input file name (knowledge/raw/<source> or ../shared/seeds/<source>), used by lint to scan for placeholders. */
    source: nonEmpty.optional(),
    placeholders: z.array(citationSchema).default([]),
    entries: z.array(entrySchema),
  })
  .strict();

export const groupSchema = z.object({ terms: localizedList, roles: z.array(nonEmpty).min(2) });

export const requirementSchema = z.object({
  id: nonEmpty,
  label: localized,
  basis: nonEmpty,
  anyOf: z.array(nonEmpty).min(1),
});

export const directorySchema = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    roles: z.array(roleSchema).min(1),
    groups: z.array(groupSchema).default([]),
    requirements: z.array(requirementSchema).default([]),
    plans: z.array(planSchema),
  })
  .superRefine((dir, ctx) => {
    const roleIds = new Set<string>();
    dir.roles.forEach((role, i) => {
      if (roleIds.has(role.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['roles', i, 'id'], message: `duplicate role id "${role.id}"` });
      roleIds.add(role.id);
    });
    const known = (id: string) => roleIds.has(id);
    dir.groups.forEach((g, gi) =>
      g.roles.forEach((r, ri) => {
        if (!known(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['groups', gi, 'roles', ri], message: `unknown role "${r}"` });
      }),
    );
    dir.requirements.forEach((req, qi) =>
      req.anyOf.forEach((r, ri) => {
        if (!known(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requirements', qi, 'anyOf', ri], message: `unknown role "${r}"` });
      }),
    );
    dir.plans.forEach((plan, pi) =>
      plan.entries.forEach((entry, ei) => {
        if (!known(entry.role))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['plans', pi, 'entries', ei, 'role'], message: `unknown role "${entry.role}"` });
        entry.seeAlso.forEach((r, si) => {
          if (!known(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['plans', pi, 'entries', ei, 'seeAlso', si], message: `unknown role "${r}"` });
        });
        const cited = [entry.citation, ...entry.holders.map((h) => h.citation)];
        cited.forEach((c) => {
          if (c.doc !== plan.doc)
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['plans', pi, 'entries', ei], message: `citation doc "${c.doc}" differs from plan "${plan.doc}"` });
        });
      }),
    );
  });

export type Citation = z.infer<typeof citationSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Holder = z.infer<typeof holderSchema>;
export type RoleException = z.infer<typeof exceptionSchema>;
export type DirectoryEntry = z.infer<typeof entrySchema>;
export type DirectoryPlan = z.infer<typeof planSchema>;
export type RoleGroup = z.infer<typeof groupSchema>;
export type Requirement = z.infer<typeof requirementSchema>;
export type DirectoryData = z.infer<typeof directorySchema>;
