// The search/filter bar. The filter lives in the page URL (?actor=..&from=..)
// so every view of it can be bookmarked, and it maps one to one onto the
// API's event filter parameters.
import { api, toQuery } from './api.js';
import { h, MODES } from './dom.js';

export const FILTER_FIELDS = ['actor', 'country', 'from', 'to', 'mode', 'status', 'language'];

// The filter of the current URL as API parameters ({actor: [..], ...}).
export function currentFilter() {
  const search = new URLSearchParams(location.search);
  const filter = {};
  for (const field of FILTER_FIELDS) {
    const values = search.getAll(field).filter((value) => value !== '');
    if (values.length) filter[field] = field === 'actor' ? values : values[0];
  }
  return filter;
}

function select(name, label, choices, value) {
  return h(
    'label',
    {},
    label,
    h(
      'select',
      { name, 'data-filter': name },
      h('option', { value: '' }, 'any'),
      choices.map((choice) =>
        h('option', { value: choice[0], selected: choice[0] === value ? true : undefined }, choice[1]),
      ),
    ),
  );
}

// Renders the bar into `form`; `onApply(filter)` runs with the new filter.
export function renderFilterBar(form, filter, onApply) {
  const actors = filter.actor || [];
  const suggestions = h('datalist', { id: 'actor-suggestions' });
  const actorInput = (name, value, placeholder) =>
    h('input', {
      type: 'search',
      name,
      'data-filter': name,
      value: value || '',
      placeholder,
      list: 'actor-suggestions',
      oninput: (event) => suggest(event.target.value, suggestions),
    });
  form.replaceChildren(
    h('label', { class: 'wide' }, 'Actor', actorInput('actor', actors[0], 'any spelling: Lavrov, لاوروف')),
    h('label', { class: 'wide' }, 'With', actorInput('actor2', actors[1], 'a second actor')),
    suggestions,
    h('label', {}, 'Country', h('input', { name: 'country', 'data-filter': 'country', value: filter.country || '', placeholder: 'RU', size: 3, maxlength: 2 })),
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', 'data-filter': 'from', value: filter.from || '' })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', 'data-filter': 'to', value: filter.to || '' })),
    select('mode', 'Mode', MODES.map((mode) => [mode, mode]), filter.mode),
    select('status', 'Status', [['occurred', 'occurred'], ['planned', 'planned']], filter.status),
    select('language', 'Language', [['fa', 'Persian'], ['ar', 'Arabic'], ['en', 'English']], filter.language),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', 'data-action': 'apply' }, 'Apply'),
      h('button', { type: 'button', 'data-action': 'reset', onclick: () => onApply({}) }, 'Reset'),
    ),
    h('div', { class: 'exports' }, 'Export:', exportLink('csv', 'CSV', filter), exportLink('jsonl', 'JSON Lines', filter),
      exportLink('plover', 'PLOVER', filter)),
  );
  form.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {};
    const actorList = [data.get('actor'), data.get('actor2')].map((value) => (value || '').trim()).filter(Boolean);
    if (actorList.length) next.actor = actorList;
    for (const field of FILTER_FIELDS.slice(1)) {
      const value = (data.get(field) || '').trim();
      if (value) next[field] = field === 'country' ? value.toUpperCase() : value;
    }
    onApply(next);
  };
}

function exportLink(format, label, filter) {
  const query = toQuery({ ...filter, format });
  return h('a', { href: `/api/v1/events/export?${query}`, download: '', 'data-export': format }, label);
}

let suggestTimer;
function suggest(text, datalist) {
  clearTimeout(suggestTimer);
  if (text.trim().length < 2) return;
  suggestTimer = setTimeout(async () => {
    try {
      const body = await api('actors', { q: text.trim(), per_page: 10 });
      datalist.replaceChildren(...body.actors.map((actor) => h('option', { value: actor.name })));
    } catch {
      // Suggestions are a convenience: a failed lookup leaves the list as it was.
    }
  }, 200);
}
