import type { DataStore, StoreCell } from './data-store';
import type { Clock } from '../time';

/** What Baken remembers about one staff member. */
export interface UserProfile {
  /** Chosen school id (schools.json). */
  schoolId?: string;
  /** Teams client locale, e.g. nl-NL. */
  locale?: string;
  /** Language of the user's last question, used for replies without text of their own (cards). */
  lang?: 'nl' | 'en';
  /** A question asked before a school was chosen; answered and removed as soon as she chooses one. */
  pendingQuestion?: string;
  updatedAt: string;
}

type Profiles = Record<string, UserProfile>;

/** Profiles keyed by AAD object id when Teams sends one, else the channel user id. */
export class UserProfiles {
  private readonly cell: StoreCell<Profiles>;

  constructor(store: DataStore, private readonly clock: Clock) {
    this.cell = store.collection<Profiles>('users', () => ({}));
  }

  get(userKey: string): UserProfile | undefined {
    const profiles = this.cell.read();
    return Object.prototype.hasOwnProperty.call(profiles, userKey) ? profiles[userKey] : undefined;
  }

  /** Merge `changes` into the profile; resolves once durable. */
  async set(userKey: string, changes: Partial<Omit<UserProfile, 'updatedAt'>>): Promise<UserProfile> {
    return this.cell.update((profiles) => {
      const current = Object.prototype.hasOwnProperty.call(profiles, userKey) ? profiles[userKey] : undefined;
      const next: UserProfile = { ...current, ...changes, updatedAt: this.clock.now().toISOString() };
      profiles[userKey] = next;
      return next;
    });
  }
}
