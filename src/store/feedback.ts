import { randomUUID } from 'crypto';
import type { Clock } from '../time';
import type { FeedbackEntry, FeedbackRepository } from './contract';

export class FeedbackLog {
  constructor(private readonly repo: FeedbackRepository, private readonly clock: Clock) {}

  /** Append an entry; resolves once durable. */
  async add(entry: Omit<FeedbackEntry, 'id' | 'at'>): Promise<FeedbackEntry> {
    const full: FeedbackEntry = { id: randomUUID(), at: this.clock.now().toISOString(), ...entry };
    await this.repo.add(full);
    return full;
  }

  all(): Promise<FeedbackEntry[]> {
    return this.repo.list();
  }
}
