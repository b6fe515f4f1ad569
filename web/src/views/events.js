// The main view: the events of the current filter as a timeline and a list.
import { api } from '../api.js';
import { h, link, put } from '../dom.js';
import { drawTimeline } from './timeline.js';

const TIMELINE_EVENTS = 500;
const LIST_PAGE = 50;

export async function showEvents(content, _, { navigate, filter }) {
  const page = Number(new URLSearchParams(location.search).get('page') || 1);
  const [timeline, list] = await Promise.all([
    api('events', { ...filter, sort: '-date', per_page: TIMELINE_EVENTS }),
    api('events', { ...filter, sort: '-date', per_page: LIST_PAGE, page }),
  ]);
  const heading = h('h1', {}, `${list.total} event${list.total === 1 ? '' : 's'}`);
  const note = timeline.total > timeline.events.length
    ? h('p', { class: 'note' }, `The timeline shows the ${timeline.events.length} most recent; narrow the filter to see all.`)
    : null;
  const undated = timeline.events.filter((event) => !event.date).length;
  const chart = h('section', { class: 'timeline-box', 'data-view': 'timeline' });
  put(content, heading, note, chart,
    undated ? h('p', { class: 'note' }, `${undated} event${undated === 1 ? ' has' : 's have'} no date and appear in the list only.`) : null,
    eventTable(list.events), pager(list, page, navigate));
  // The SVG needs its width: draw once the view is in the document.
  requestAnimationFrame(() => drawTimeline(chart, timeline.events, (event) => navigate(`/events/${event.id}`)));
}

export function eventTable(events) {
  if (events.length === 0) return h('p', { class: 'empty' }, 'No events match this filter.');
  return h('table', { class: 'events', 'data-view': 'event-list' },
    h('thead', {}, h('tr', {}, ['Date', 'Event', 'Mode', 'Status', 'Sources', 'Languages'].map((name) => h('th', {}, name)))),
    h('tbody', {}, events.map((event) => h('tr', { 'data-event-id': event.id },
      h('td', { class: 'date' }, event.date ? event.date.from : '—'),
      h('td', {}, link(`/events/${event.id}`, event.summary)),
      h('td', {}, h('span', { class: `tag mode-${event.mode}` }, event.mode)),
      h('td', {}, event.status),
      h('td', { class: 'number' }, event.sources),
      h('td', {}, event.languages.join(', ')),
    ))));
}

function pager(list, page, navigate) {
  if (list.pages <= 1) return null;
  const go = (target) => () => {
    const search = new URLSearchParams(location.search);
    search.set('page', target);
    navigate(`${location.pathname}?${search}`);
  };
  return h('nav', { class: 'pager' },
    h('button', { type: 'button', disabled: page <= 1 ? true : undefined, onclick: go(page - 1) }, '‹ Newer'),
    h('span', {}, `page ${page} of ${list.pages}`),
    h('button', { type: 'button', disabled: page >= list.pages ? true : undefined, onclick: go(page + 1) }, 'Older ›'));
}
