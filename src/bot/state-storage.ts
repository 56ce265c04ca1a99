import type { Storage, StoreItems } from 'botbuilder';
import type { BotStateRepository, StateItem } from '../store';

/** teams-ai's conversation state on the store's bot-state repository (botbuilder Storage semantics). */
export class StateStorage implements Storage {
  constructor(private readonly repo: BotStateRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    return this.repo.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    // botbuilder hands live state objects; the store keeps a copy.
    await this.repo.write(JSON.parse(JSON.stringify(changes)) as Record<string, StateItem>);
  }

  async delete(keys: string[]): Promise<void> {
    await this.repo.delete(keys);
  }
}
