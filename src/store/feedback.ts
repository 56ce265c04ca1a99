import { randomUUID } from 'crypto';
import type { DataStore, StoreCell } from './data-store';
import type { Clock } from '../time';

/** One 👍/👎 on an answer, with what was asked and what was cited. */
export interface FeedbackEntry {
  id: string;
  at: string;
  userKey: string;
  schoolId: string;
  question: string;
  /** Cited document and section; absent when the answer abstained. */
  doc?: string;
  sectionId?: string;
  abstained: boolean;
  vote: 'up' | 'down';
  comment?: string;
  lang: 'nl' | 'en';
}

export class FeedbackLog {
  private readonly cell: StoreCell<FeedbackEntry[]>;

  constructor(store: DataStore, private readonly clock: Clock) {
    this.cell = store.collection<FeedbackEntry[]>('feedback', () => []);
  }

  /** Append an entry; resolves once durable. */
  add(entry: Omit<FeedbackEntry, 'id' | 'at'>): Promise<FeedbackEntry> {
    const full: FeedbackEntry = { id: randomUUID(), at: this.clock.now().toISOString(), ...entry };
    return this.cell.update((entries) => {
      entries.push(full);
      return full;
    });
  }

  all(): readonly FeedbackEntry[] {
    return this.cell.read();
  }
}
