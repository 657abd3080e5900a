// /api/v1/jobs and /api/v1/catalog: list, run, cancel, stop, kill (jobs reference 3.3, 4, 6).
// The rules themselves (M1–M9) live in the service; this layer checks the request's shape.
import { Hono } from 'hono';
import { z } from 'zod';
import { readJsonBody, requireReason } from './body.ts';
import type { AppEnv, RouteDeps } from './env.ts';
import { requireRole } from './identity.ts';
import { assertKnownParams, parseStatus } from './query.ts';
import { parseSort, sortJobs } from './sort-jobs.ts';

const RunBody = z
  .object({ job: z.string(), params: z.string().optional(), reason: z.string().optional() })
  .strict();
const ReasonBody = z.object({ reason: z.string().optional() }).strict();

export function makeJobRoutes({ service }: RouteDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/jobs', async (c) => {
    const q = c.req.query();
    assertKnownParams(q, ['sort', 'order', 'job', 'status']);
    const { column, order } = parseSort(q.sort, q.order);
    const status = q.status ? parseStatus(q.status, 'status') : undefined;
    const jobs = (await service.listJobs()).filter(
      (j) => (!q.job || j.job === q.job) && (!status || j.storedStatus === status),
    );
    return c.json({ jobs: sortJobs(jobs, column, order), sort: column, order });
  });

  r.get('/jobs/:id', async (c) => c.json(await service.getJob(c.req.param('id'))));

  r.get('/catalog', (c) => c.json({ jobs: service.jobCatalog() }));

  r.post('/jobs', requireRole('operator'), async (c) => {
    const body = await readJsonBody(c, RunBody);
    // Manual maintenance runs beside other jobs (M6) and is recorded with its reason.
    const reason =
      body.job === 'Job_MaintainGIM'
        ? requireReason(body.reason, 'run Job_MaintainGIM manually')
        : body.reason;
    const reply = await service.runJob(
      {
        job: body.job,
        ...(body.params !== undefined ? { params: body.params } : {}),
        ...(reason !== undefined ? { reason } : {}),
      },
      c.get('principal'),
    );
    return c.json(reply, reply.result === 'queued' ? 200 : 201);
  });

  r.post('/jobs/:id/cancel', requireRole('operator'), async (c) => {
    const body = await readJsonBody(c, ReasonBody, true);
    const run = await service.cancelJob(
      c.req.param('id'),
      c.get('principal'),
      body.reason?.trim() || undefined,
    );
    return c.json({ run, warnings: [] });
  });

  r.post('/jobs/:id/stop', requireRole('operator'), async (c) => {
    const body = await readJsonBody(c, ReasonBody, true);
    const reason = requireReason(body.reason, 'stop a job');
    return c.json(await service.stopJob(c.req.param('id'), c.get('principal'), reason));
  });

  r.post('/jobs/:id/kill', requireRole('admin'), async (c) => {
    const body = await readJsonBody(c, ReasonBody, true);
    const reason = requireReason(body.reason, 'kill a job');
    const run = await service.killJob(c.req.param('id'), c.get('principal'), reason);
    return c.json({ run, warnings: [] });
  });

  return r;
}
