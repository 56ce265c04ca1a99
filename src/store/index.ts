export { DataStore, StoreClosedError } from './data-store';
export type { StoreCell, StoreFile, DataStoreOptions } from './data-store';
export { StoreLockedError } from './file-lock';
export { StateStorage } from './state-storage';
export type { StateItem } from './state-storage';
export { UserProfiles } from './users';
export type { UserProfile } from './users';
export { FeedbackLog } from './feedback';
export type { FeedbackEntry } from './feedback';
