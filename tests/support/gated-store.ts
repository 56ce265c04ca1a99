import type { OutboxJob, Store } from '../../src/store/contract';

/**
 * A store whose outbox worker can be stopped between claiming a job and running it: `holdAfterClaim(match)`
 * makes the next claim that returns a matching job wait (after the claim has committed: the job is leased to this
 * worker) until `release()`. `claimed` resolves with the jobs when that happens. Everything else goes to the real
 * store untouched. For interleavings such as "instance B has leased the due escalation, then the director
 * acknowledges on instance A, then B runs it".
 */
export interface GatedStore {
  store: Store;
  holdAfterClaim(match: (job: OutboxJob) => boolean): { claimed: Promise<OutboxJob[]>; release(): void };
}

export function gatedStore(real: Store): GatedStore {
  let gate: { match: (job: OutboxJob) => boolean; claimed: (jobs: OutboxJob[]) => void; released: Promise<void> } | undefined;
  const outbox = new Proxy(real.outbox, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'claim') {
        return async (...args: Parameters<Store['outbox']['claim']>): Promise<OutboxJob[]> => {
          const jobs = await target.claim(...args);
          const current = gate;
          if (current && jobs.some(current.match)) {
            gate = undefined;
            current.claimed(jobs);
            await current.released;
          }
          return jobs;
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const store = new Proxy(real, {
    get(target, prop) {
      if (prop === 'outbox') return outbox;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    store,
    holdAfterClaim(match) {
      let claimed!: (jobs: OutboxJob[]) => void;
      let release!: () => void;
      const claimedPromise = new Promise<OutboxJob[]>((resolve) => (claimed = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { match, claimed, released };
      return { claimed: claimedPromise, release };
    },
  };
}
