// The read-mostly endpoints: server state, history, ETL status, schedule preview, audit, options.
import { Hono } from 'hono';
import { z } from 'zod';
import { readJsonBody, requireReason } from './body.ts';
import type { AppEnv, RouteDeps } from './env.ts';
import { requireRole } from './identity.ts';
import { assertKnownParams, parseHistoryQuery, parseIntParam } from './query.ts';

const OptionsBody = z
  .object({
    edits: z
      .array(z.object({ section: z.string().min(1), option: z.string().min(1), value: z.string() }).strict())
      .min(1),
    reason: z.string().optional(),
  })
  .strict();

export function makeInfoRoutes({ service }: RouteDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/me', (c) => c.json(c.get('principal')));

  r.get('/status', async (c) => c.json(await service.serverState()));

  r.get('/history', async (c) => c.json(await service.history(parseHistoryQuery(c.req.query()))));

  r.get('/etl-status', async (c) => c.json(await service.etlStatus()));

  r.get('/schedule', async (c) => {
    const q = c.req.query();
    assertKnownParams(q, ['hours']);
    const hours = parseIntParam(q.hours, 'hours', 1, 168, 24);
    return c.json({ hours, events: await service.schedulePreview(hours) });
  });

  r.get('/audit', requireRole('admin'), async (c) => {
    const q = c.req.query();
    assertKnownParams(q, ['limit']);
    const limit = parseIntParam(q.limit, 'limit', 1, 1000, 100);
    return c.json({ entries: await service.audit(limit) });
  });

  r.get('/options', async (c) => c.json(await service.options()));

  r.put('/options', requireRole('admin'), async (c) => {
    const body = await readJsonBody(c, OptionsBody);
    const reason = requireReason(body.reason, 'edit options');
    return c.json(await service.editOptions(body.edits, c.get('principal'), reason));
  });

  return r;
}
