// The UI: a client-side router over a handful of views. Every view reads the
// API and renders plain DOM/SVG; the URL alone decides what is shown.
import './fonts.css';
import './style.css';
import { ApiError } from './api.js';
import { h } from './dom.js';
import { currentFilter, renderFilterBar } from './filters.js';
import { showActor } from './views/actor.js';
import { showArticle } from './views/article.js';
import { showEvent } from './views/event.js';
import { showEvents } from './views/events.js';
import { showNetwork } from './views/network.js';
import { showSearch } from './views/search.js';
import { showStats } from './views/stats.js';

const routes = [
  { pattern: /^\/$/, view: showEvents, nav: 'events', filters: true },
  { pattern: /^\/network$/, view: showNetwork, nav: 'network', filters: true },
  { pattern: /^\/events\/(\d+)$/, view: showEvent, nav: 'events' },
  { pattern: /^\/articles\/(\d+)$/, view: showArticle },
  { pattern: /^\/actors\/(\d+)$/, view: showActor },
  { pattern: /^\/search$/, view: showSearch, nav: 'search' },
  { pattern: /^\/stats$/, view: showStats, nav: 'stats' },
];

export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

let renderCount = 0;

async function render() {
  const ticket = ++renderCount;
  const main = document.getElementById('view');
  const form = document.getElementById('filters');
  const route = routes.find((candidate) => candidate.pattern.test(location.pathname));
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', route !== undefined && link.dataset.nav === route.nav);
  }
  form.hidden = !route?.filters;
  if (route?.filters) {
    renderFilterBar(form, currentFilter(), (filter) => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(filter)) {
        for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
      }
      navigate(`${location.pathname}${query.toString() ? `?${query}` : ''}`);
    });
  }
  if (!route) {
    main.replaceChildren(h('p', { class: 'error' }, `No page at ${location.pathname}.`));
    return;
  }
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  main.dataset.state = 'loading';
  const content = h('div', { class: 'view' });
  try {
    await route.view(content, location.pathname.match(route.pattern).slice(1), { navigate, filter: currentFilter() });
  } catch (error) {
    if (ticket !== renderCount) return;
    const message = error instanceof ApiError ? error.message : `Something went wrong: ${error.message}`;
    content.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
  }
  // A later navigation may have started meanwhile: only the last one renders.
  if (ticket !== renderCount) return;
  main.replaceChildren(content);
  main.dataset.state = 'ready';
}

// Links inside the page navigate without reloading it.
document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download') || event.ctrlKey || event.metaKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', render);
render();
