/** Who may have a school's annual evaluation: the one access policy, for a person known by her key. */
import { mayExportSchool } from '../access/policy';
import type { PeopleDirectory } from '../people';

export type ExportPeople = Pick<PeopleDirectory, 'resolve' | 'index'>;

/**
 * May the person with this key (Person.key: the AAD object id in lower case, or `upn:<upn>`) export the school's
 * evaluation now? Asked again for every download, so a role taken away in people.json closes her open links too.
 */
export function mayExportByKey(people: ExportPeople, personKey: string, school: string): boolean {
  const key = personKey.trim().toLowerCase();
  if (!key) return false;
  const person = key.startsWith('upn:') ? people.resolve({ upn: key.slice(4) }) : people.resolve({ aadObjectId: key });
  return mayExportSchool(person, school, people.index);
}
