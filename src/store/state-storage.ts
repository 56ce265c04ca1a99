import { randomUUID } from 'crypto';
import type { DataStore, StoreCell } from './data-store';

/** One stored state object; `eTag` follows botbuilder's optimistic concurrency rules. */
export type StateItem = Record<string, unknown> & { eTag?: string };
type StateItems = Record<string, StateItem>;

/**
 * Conversation and user state on the DataStore, shaped like botbuilder's `Storage` (read/write/delete
 * with eTags) without importing botbuilder: the bot edge passes it to teams-ai's `Application` as its
 * storage, so state survives restarts. Semantics match botbuilder's MemoryStorage: a write whose eTag is
 * set, not `*`, and differs from the stored one is refused; every write gets a fresh eTag.
 */
export class StateStorage {
  private readonly cell: StoreCell<StateItems>;

  constructor(store: DataStore, collection = 'conversationState') {
    this.cell = store.collection<StateItems>(collection, () => ({}));
  }

  async read(keys: string[]): Promise<Record<string, unknown>> {
    const items = this.cell.read();
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      if (Object.prototype.hasOwnProperty.call(items, key)) result[key] = structuredClone(items[key]);
    }
    return result;
  }

  async write(changes: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    await this.cell.update((items) => {
      for (const [key, change] of entries) {
        const eTag = (change as StateItem | undefined)?.eTag;
        const stored = Object.prototype.hasOwnProperty.call(items, key) ? items[key] : undefined;
        if (stored && eTag && eTag !== '*' && eTag !== stored.eTag) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }
      for (const [key, change] of entries) {
        items[key] = { ...structuredClone(change as StateItem), eTag: randomUUID() };
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    const present = keys.filter((k) => Object.prototype.hasOwnProperty.call(this.cell.read(), k));
    if (present.length === 0) return;
    await this.cell.update((items) => {
      for (const key of present) delete items[key];
    });
  }
}
