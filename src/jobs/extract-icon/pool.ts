// The extraction workers: at most `size` tasks at once, and one Info Mart writer per GIDB table
// (two IDBs of an HA pair upsert the same table; serializing them keeps each merge decision on
// the committed state and avoids deadlocks).

/** Runs every task with at most `size` running at once; resolves when all have settled. */
export async function runPool<T>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}

export interface KeyedLock {
  run<R>(key: string, fn: () => Promise<R>): Promise<R>;
}

export function makeKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const prev = tails.get(key) ?? Promise.resolve();
      const result = prev.then(fn, fn);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
