// One actor: offices over time, who they meet, and their events per month.
import { api, toQuery } from '../api.js';
import { h, link, put } from '../dom.js';
import { drawBars } from './bars.js';

export async function showActor(content, [id]) {
  const detail = await api(`actors/${id}`);
  const actor = detail.actor;
  const other = (pair) => (pair.first.id === actor.id ? pair.second : pair.first);
  const chart = h('div', { class: 'bars-box' });
  put(content, 
    h('p', { class: 'crumbs' }, link(`/?${toQuery({ actor: actor.name })}`, `‹ events of ${actor.name}`)),
    h('h1', {}, actor.name),
    h('p', {}, `${actor.kind}${actor.kb_id ? ` · ${actor.kb_id}` : ''} · ${actor.events} event${actor.events === 1 ? '' : 's'}`,
      actor.first_date ? ` · ${actor.first_date} – ${actor.last_date}` : ''),
    h('h2', {}, 'Offices'),
    detail.roles.length
      ? h('table', { class: 'roles' }, h('thead', {}, h('tr', {}, ['Office', 'Of', 'From', 'To'].map((name) => h('th', {}, name)))),
        h('tbody', {}, detail.roles.map((role) => h('tr', {},
          h('td', {}, role.office.replaceAll('_', ' ') + (role.acting ? ' (acting)' : '')), h('td', {}, role.jurisdiction),
          h('td', {}, role.from || '?'), h('td', {}, role.to || 'now')))))
      : h('p', { class: 'empty' }, actor.office ? `${actor.office.replaceAll('_', ' ')}${actor.country ? ` of ${actor.country}` : ''}` : 'No offices known.'),
    h('h2', {}, 'Events per month'), chart,
    h('h2', {}, 'Meets most with'),
    h('ul', { class: 'partners' }, detail.partners.map((pair) => h('li', {},
      link(`/actors/${other(pair).id}`, other(pair).name), ' — ',
      link(`/?${toQuery({ actor: [actor.name, other(pair).name] })}`, `${pair.events} event${pair.events === 1 ? '' : 's'}`)))),
  );
  requestAnimationFrame(() => drawBars(chart, detail.events_per_month.map((row) => [row.month, row.events])));
}
