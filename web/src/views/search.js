// Full-text search over the articles, in any script.
import { api } from '../api.js';
import { h, link, scriptAttributes, put } from '../dom.js';

export async function showSearch(content, _, { navigate }) {
  const params = new URLSearchParams(location.search);
  const q = params.get('q') || '';
  const page = Number(params.get('page') || 1);
  const input = h('input', { type: 'search', name: 'q', value: q, placeholder: 'words in any script: لاوروف, بلينكن, Stockholm', autofocus: true });
  put(content, 
    h('h1', {}, 'Search the articles'),
    h('form', { class: 'search', onsubmit: (event) => {
      event.preventDefault();
      navigate(`/search?${new URLSearchParams({ q: input.value.trim() })}`);
    } }, input, h('button', { type: 'submit' }, 'Search')),
  );
  if (!q) return;
  const result = await api('search', { q, page, per_page: 20 });
  if (result.hits.length === 0) {
    put(content, h('p', { class: 'empty' }, `Nothing found for “${q}”.`));
    return;
  }
  put(content, h('ol', { class: 'hits', start: (page - 1) * 20 + 1 }, result.hits.map((hit) => h('li', { 'data-article-id': hit.article.id },
    h('p', {}, link(`/articles/${hit.article.id}`, hit.article.title || hit.article.doc), ' · ', hit.article.outlet || '', ' · ',
      hit.article.published || 'undated'),
    h('p', { ...scriptAttributes(hit.article.language), class: `${scriptAttributes(hit.article.language).class || ''} snippet` }, snippet(hit.snippet)),
    hit.events.length ? h('ul', { class: 'hit-events' }, hit.events.map((event) => h('li', {}, link(`/events/${event.id}`, event.summary)))) : null,
  ))));
  const more = (target) => () => navigate(`/search?${new URLSearchParams({ q, page: target })}`);
  put(content, h('nav', { class: 'pager' },
    page > 1 ? h('button', { type: 'button', onclick: more(page - 1) }, '‹ Previous') : null,
    result.has_more ? h('button', { type: 'button', onclick: more(page + 1) }, 'Next ›') : null));
}

// The store wraps matches in [ and ].
function snippet(text) {
  return text.split(/(\[[^\]]*\])/).map((part) => (part.startsWith('[') && part.endsWith(']') ? h('mark', {}, part.slice(1, -1)) : part));
}
