import type { Clock } from '../time';
import type { ProfileRepository, UserProfile } from './contract';

/** Profiles keyed by AAD object id when Teams sends one, else the channel user id; changes merge. */
export class UserProfiles {
  constructor(private readonly repo: ProfileRepository, private readonly clock: Clock) {}

  get(userKey: string): Promise<UserProfile | undefined> {
    return this.repo.get(userKey);
  }

  /** Merge `changes` into the profile (a key set to undefined is removed); resolves once durable. */
  async set(userKey: string, changes: Partial<Omit<UserProfile, 'updatedAt'>>): Promise<UserProfile> {
    const current = await this.repo.get(userKey);
    const next: UserProfile = { ...current, ...changes, updatedAt: this.clock.now().toISOString() };
    for (const key of Object.keys(next) as (keyof UserProfile)[]) if (next[key] === undefined) delete next[key];
    await this.repo.put(userKey, next);
    return next;
  }
}
