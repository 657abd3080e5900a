// A time-ordered list of work: arrivals, retries, follow-up attempts, workbin pulls. Tasks run in
// (time, insertion) order so every row a task writes is at or after the time it runs.

export interface Agenda {
  push(at: number, run: (at: number) => void): void;
  /** Runs every task due before `until` (including ones pushed meanwhile). */
  runUntil(until: number): number;
  readonly size: number;
}

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: (at: number) => void;
}

export function makeAgenda(): Agenda {
  const heap: Task[] = [];
  let seq = 0;
  const less = (a: Task, b: Task): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  return {
    push(at, run) {
      heap.push({ at, seq: seq++, run });
      up(heap.length - 1);
    },
    runUntil(until) {
      let n = 0;
      while (heap.length > 0 && heap[0]!.at < until) {
        const top = heap[0]!;
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
        top.run(top.at);
        n += 1;
      }
      return n;
    },
    get size() {
      return heap.length;
    },
  };
}
