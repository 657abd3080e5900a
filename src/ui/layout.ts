// The HTML shell of every Manager page: header, navigation, the page's own markup and script.
// Pages are static markup filled by a small ES module per page from the JSON API, so the UI
// shows exactly what the API answers (refusals included) and needs no front-end build.
import type { Principal } from '../service-types.ts';

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export interface NavItem {
  readonly page: string;
  readonly label: string;
  readonly href: string;
  readonly adminOnly?: boolean;
}

export const NAV: readonly NavItem[] = [
  { page: 'jobs', label: 'Jobs', href: '/ui/jobs' },
  { page: 'history', label: 'History', href: '/ui/history' },
  { page: 'etl', label: 'ETL status', href: '/ui/etl' },
  { page: 'schedule', label: 'Schedule', href: '/ui/schedule' },
  { page: 'options', label: 'Options', href: '/ui/options' },
  { page: 'audit', label: 'Audit', href: '/ui/audit', adminOnly: true },
];

export function renderPage(o: {
  readonly title: string;
  readonly page: string;
  readonly principal: Principal;
  readonly main: string;
  /** Extra data attributes for the page script (already trusted keys, escaped values). */
  readonly data?: Readonly<Record<string, string>>;
}): string {
  const nav = NAV.filter((n) => !n.adminOnly || o.principal.role === 'admin')
    .map(
      (n) =>
        `<li><a href="${n.href}" data-testid="nav-${n.page}"${n.page === o.page ? ' aria-current="page"' : ''}>${esc(n.label)}</a></li>`,
    )
    .join('');
  const data = Object.entries(o.data ?? {})
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · infomart Manager</title>
<link rel="stylesheet" href="/static/style.css">
<script type="module" src="/static/${esc(o.page)}.js"></script>
</head>
<body data-page="${esc(o.page)}" data-role="${esc(o.principal.role)}" data-user="${esc(o.principal.name)}"${data}>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<span class="brand">infomart Manager</span>
<nav aria-label="Pages"><ul>${nav}</ul></nav>
<form method="post" action="/logout" class="who">
<span data-testid="whoami">${esc(o.principal.name)} (${esc(o.principal.role)})</span>
<button type="submit" data-testid="logout-button">Log out</button>
</form>
</header>
<main id="main" tabindex="-1">
${o.main}
</main>
</body>
</html>
`;
}

export function renderLogin(o: {
  readonly error?: string;
  readonly next: string;
  readonly user?: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in · infomart Manager</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body data-page="login">
<main id="main" class="login">
<h1>infomart Manager</h1>
<form method="post" action="/login" data-testid="login-form">
<input type="hidden" name="next" value="${esc(o.next)}">
<label for="login-user">User name</label>
<input id="login-user" name="user" autocomplete="username" required data-testid="login-user" value="${esc(o.user ?? '')}">
<label for="login-password">Password</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required data-testid="login-password">
${o.error ? `<p class="error" role="alert" data-testid="login-error">${esc(o.error)}</p>` : ''}
<button type="submit" data-testid="login-submit">Log in</button>
</form>
</main>
</body>
</html>
`;
}
