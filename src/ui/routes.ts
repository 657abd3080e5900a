// The web UI's routes: login/logout (session cookie), the pages, and their static files.
import { readdirSync, readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, RouteDeps } from '../api/env.ts';
import { SESSION_COOKIE } from '../api/env.ts';
import { identify } from '../api/identity.ts';
import type { Principal } from '../service-types.ts';
import { renderLogin, renderPage } from './layout.ts';
import { jobDetailMain, jobsMain } from './pages-jobs.ts';
import { auditMain, etlMain, historyMain, optionsMain, scheduleMain } from './pages-other.ts';

const STATIC_DIR = new URL('./static/', import.meta.url);
const TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

// Read once: the set of files is fixed, and no request path ever reaches the file system.
function loadStatic(): Map<string, { body: string; type: string }> {
  const files = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[name.split('.').pop() ?? ''];
    if (type) files.set(name, { body: readFileSync(new URL(name, STATIC_DIR), 'utf8'), type });
  }
  return files;
}

/** Only local UI paths: a login link must never send the user elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/ui\/[A-Za-z0-9/_-]*$/.test(next) ? next : '/ui/jobs';
}

type PageMain = (p: Principal) => { title: string; main: string };

const PAGES: Readonly<Record<string, { main: PageMain; adminOnly?: boolean }>> = {
  jobs: { main: (p) => ({ title: 'Jobs', main: jobsMain(p.role) }) },
  history: { main: () => ({ title: 'History', main: historyMain() }) },
  etl: { main: () => ({ title: 'ETL status', main: etlMain() }) },
  schedule: { main: () => ({ title: 'Schedule', main: scheduleMain() }) },
  options: { main: (p) => ({ title: 'Options', main: optionsMain(p.role) }) },
  audit: { main: () => ({ title: 'Audit', main: auditMain() }), adminOnly: true },
};

export function registerUi(app: Hono<AppEnv>, { authenticator }: RouteDeps): void {
  const files = loadStatic();
  const secure = (c: Context): boolean => new URL(c.req.url).protocol === 'https:';

  app.get('/static/:file', (c) => {
    const f = files.get(c.req.param('file'));
    if (!f) return c.notFound();
    return c.body(f.body, 200, { 'Content-Type': f.type, 'Cache-Control': 'no-cache' });
  });

  app.get('/', (c) => c.redirect('/ui/jobs', 303));

  app.get('/login', async (c) => {
    if (await identify(c, authenticator)) return c.redirect(safeNext(c.req.query('next')), 303);
    return c.html(renderLogin({ next: safeNext(c.req.query('next')) }));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const user = typeof form.user === 'string' ? form.user : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    const ok = user && password ? await authenticator.login(user, password) : null;
    if (!ok) return c.html(renderLogin({ next, user, error: 'Wrong user name or password.' }), 401);
    setCookie(c, SESSION_COOKIE, ok.sessionId, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: secure(c),
    });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    const who = await identify(c, authenticator);
    if (who?.sessionId) authenticator.logout(who.sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  const page = async (c: Context<AppEnv>, name: string): Promise<Response> => {
    const who = await identify(c, authenticator);
    if (!who) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    const def = PAGES[name];
    if (!def) return c.notFound();
    if (def.adminOnly && who.principal.role !== 'admin') {
      return c.html(`<p>This page needs the admin role.</p><p><a href="/ui/jobs">Jobs</a></p>`, 403);
    }
    return c.html(renderPage({ ...def.main(who.principal), page: name, principal: who.principal }));
  };

  app.get('/ui/jobs/:id', async (c) => {
    const who = await identify(c, authenticator);
    if (!who) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    return c.html(
      renderPage({
        title: `Job ${c.req.param('id')}`,
        page: 'job',
        principal: who.principal,
        main: jobDetailMain(),
        data: { 'job-id': c.req.param('id') },
      }),
    );
  });
  app.get('/ui/:page', (c) => page(c, c.req.param('page')));
}
