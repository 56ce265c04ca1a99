import type { DirectoryService } from '../directory';
import type { ContactView } from './views';

/**
 * The people behind role ids at one school, from the role directory: every named holder (name, e-mail,
 * phone) of the school's own and its board's entries; a role the plan leaves unnamed shows the plan's
 * description instead; a role the directory does not know for this school stays a bare role (the card
 * says "naam niet bekend"). rolesForSchool never returns another school's entries.
 */
export function contactsFromDirectory(directory: Pick<DirectoryService, 'rolesForSchool'>): (school: string, roleIds: string[]) => ContactView[] {
  return (school, roleIds) => {
    const entries = directory.rolesForSchool(school);
    const out: ContactView[] = [];
    for (const roleId of roleIds) {
      const forRole = entries.filter((e) => e.role.id === roleId);
      const named = new Map<string, ContactView>();
      for (const entry of forRole) {
        for (const h of entry.holders) {
          if (!named.has(h.name)) named.set(h.name, { roleId, name: h.name, ...(h.email ? { email: h.email } : {}), ...(h.phone ? { phone: h.phone } : {}) });
        }
      }
      if (named.size) {
        out.push(...named.values());
        continue;
      }
      const description = forRole.map((e) => e.entry.description).find((d): d is string => Boolean(d));
      out.push(description ? { roleId, description } : { roleId });
    }
    return out;
  };
}
