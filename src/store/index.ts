import { openLowdbStore, type LowdbStoreOptions } from './lowdb';
import type { Store } from './contract';

export * from './contract';
export { StoreLockedError } from './file-lock';
export { UserProfiles } from './profiles';
export { FeedbackLog } from './feedback';

export interface StoreConfig {
  /** The lowdb data file (the embedded default). */
  dataFile: string;
  /** PostgreSQL connection string; when set, PostgreSQL is the store and dataFile is not used. */
  databaseUrl?: string;
  lowdb?: LowdbStoreOptions;
  onLockCompromised?: (err: Error) => void;
  /** lowdb: the store stopped for good (failed write, lost lock); the caller should exit so a supervisor restarts it. */
  onUnavailable?: (reason: string) => void;
}

/** Opens the configured backend: PostgreSQL when DATABASE_URL is set, else the lowdb file store. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.databaseUrl) {
    // Loaded on demand: the embedded default never needs the pg driver.
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore({ url: config.databaseUrl });
  }
  return openLowdbStore(config.dataFile, { ...config.lowdb, onLockCompromised: config.onLockCompromised, onUnavailable: config.onUnavailable });
}
