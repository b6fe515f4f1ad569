// What the database holds: counts, events per month, top actors and pairs.
import { api, toQuery } from '../api.js';
import { h, link, put } from '../dom.js';
import { drawBars } from './bars.js';

export async function showStats(content) {
  const stats = await api('stats', { top: 15 });
  const chart = h('div', { class: 'bars-box' });
  const count = (label, value) => h('div', { class: 'count' }, h('strong', {}, value.toLocaleString('en')), h('span', {}, label));
  put(content, 
    h('h1', {}, 'The database'),
    h('div', { class: 'counts' }, count('events', stats.events), count('articles', stats.articles), count('reports', stats.mentions),
      count('actors', stats.actors), count('copies', stats.exact_duplicates + stats.near_duplicates), count('conflicting events', stats.conflicting_events)),
    h('h2', {}, 'Events per month'), chart,
    h('div', { class: 'columns' },
      h('section', {}, h('h2', {}, 'Top actors'), h('ol', {}, stats.top_actors.map((actor) => h('li', {}, link(`/actors/${actor.id}`, actor.name), ` ${actor.events}`)))),
      h('section', {}, h('h2', {}, 'Top pairs'), h('ol', {}, stats.top_pairs.map((pair) => h('li', {},
        link(`/?${toQuery({ actor: [pair.first.name, pair.second.name] })}`, `${pair.first.name} – ${pair.second.name}`), ` ${pair.events}`)))),
      h('section', {}, h('h2', {}, 'Articles by language'), h('ul', {}, stats.articles_per_language.map((row) => h('li', {}, `${row.language}: ${row.count}`))),
        h('h2', {}, 'Events by mode'), h('ul', {}, stats.events_per_mode.map((row) => h('li', {}, `${row.mode}: ${row.count}`))))),
  );
  requestAnimationFrame(() => drawBars(chart, stats.events_per_month.map((row) => [row.month, row.count])));
}
