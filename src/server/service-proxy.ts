// The Manager endpoint opens before the server's work can start (bad options, unreachable Info
// Mart: R19). Until then it serves a service that reports the server state and refuses the
// rest; once the server is up, the real service takes over behind the same object.
import { InfomartError } from '../errors.ts';
import { emptyEtlStatus } from '../service/etl-status.ts';
import type { ServerStateView, Service } from '../service-types.ts';

export function makeUnavailableService(state: () => Promise<ServerStateView>): Service {
  const refuse = async (): Promise<never> => {
    const s = await state();
    throw new InfomartError(
      'CONFLICT',
      `R19: the server is ${s.state}: ${s.reasons.join('; ') || 'starting'}`,
    );
  };
  return {
    serverState: state,
    listJobs: async () => [],
    getJob: refuse,
    history: async (q) => ({ rows: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 50 }),
    runJob: refuse,
    cancelJob: refuse,
    stopJob: refuse,
    killJob: refuse,
    options: refuse,
    editOptions: refuse,
    schedulePreview: refuse,
    etlStatus: async () => emptyEtlStatus(await state(), Date.now()),
    audit: async () => [],
    jobCatalog: () => [],
  };
}

export function makeDelegatingService(initial: Service): { service: Service; set(next: Service): void } {
  let target = initial;
  const service = new Proxy({} as Service, {
    get(_t, prop: keyof Service) {
      const v = target[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    service,
    set(next) {
      target = next;
    },
  };
}
