import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Person, PeopleDirectory } from '../people';
import type { Clock } from '../time';

/**
 * Who is behind an activity: the person in people.json found by her AAD object id; for an entry an admin wrote
 * with only a UPN (e-mail), the UPN is looked up once with the Teams roster API (TeamsInfo.getMember) and cached,
 * so she gets her roles too. The one place the Teams edge turns an activity into a Person; identity always comes
 * from the authenticated activity, never from card data.
 */
export type Identify = (context: TurnContext, chosenSchool?: string) => Promise<Person | undefined>;

export interface IdentityDeps {
  people: Pick<PeopleDirectory, 'resolve' | 'hasUpnOnlyEntries'>;
  clock: Clock;
  /** The roster lookup (default TeamsInfo.getMember): her UPN or e-mail. */
  lookupUpn?: (context: TurnContext) => Promise<string | undefined>;
  /** How long a looked-up UPN is trusted (default 1 hour: a changed account is seen within the hour). */
  ttlMs?: number;
  logger?: { warn(obj: object, msg: string): void };
}

async function rosterUpn(context: TurnContext): Promise<string | undefined> {
  const member = await TeamsInfo.getMember(context, context.activity.from.id);
  return member.userPrincipalName || member.email || undefined;
}

export function createIdentity(deps: IdentityDeps): Identify {
  const ttl = deps.ttlMs ?? 3_600_000;
  const lookup = deps.lookupUpn ?? rosterUpn;
  const cache = new Map<string, { upn: string | undefined; until: number }>();

  async function upnOf(context: TurnContext, aad: string): Promise<string | undefined> {
    const now = deps.clock.now().getTime();
    const hit = cache.get(aad);
    if (hit && hit.until > now) return hit.upn;
    let upn: string | undefined;
    try {
      upn = await lookup(context);
    } catch (err) {
      // No roster (a client without one, a network error): she is who her AAD id says, and asked again next time.
      deps.logger?.warn({ err: (err as Error).message }, 'roster lookup for the UPN failed');
      return undefined;
    }
    cache.set(aad, { upn, until: now + ttl });
    return upn;
  }

  return async (context, chosenSchool) => {
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId) return undefined;
    const person = deps.people.resolve({ aadObjectId, chosenSchool });
    if (person.grants.length > 0 || !deps.people.hasUpnOnlyEntries()) return person;
    const upn = await upnOf(context, aadObjectId.toLowerCase());
    return upn ? deps.people.resolve({ aadObjectId, upn, chosenSchool }) : person;
  };
}
