// One article: its metadata, the events it reports, and its text with every
// evidence sentence highlighted.
import { api } from '../api.js';
import { externalLink, h, link, scriptAttributes, put } from '../dom.js';
import { highlighted } from '../highlight.js';

export async function showArticle(content, [id]) {
  const detail = await api(`articles/${id}`);
  const article = detail.article;
  const spans = detail.mentions.flatMap((mention) => mention.evidence_spans);
  const attributes = scriptAttributes(article.language);
  put(content, 
    h('p', { class: 'crumbs' }, link('/', '‹ all events')),
    h('h1', { ...scriptAttributes(article.language), class: `${attributes.class || ''} title` }, article.title || article.doc),
    h('dl', { class: 'facts' },
      [h('dt', {}, 'Outlet'), h('dd', {}, article.outlet || '—')],
      [h('dt', {}, 'Published'), h('dd', {}, article.published || 'undated')],
      [h('dt', {}, 'Language'), h('dd', {}, article.language || 'und')],
      [h('dt', {}, 'Source'), h('dd', {}, article.url ? externalLink(article.url, article.url) : detail.input_source)],
      article.duplicate_of ? [h('dt', {}, 'Copy of'), h('dd', {}, link(`/articles/${article.duplicate_of}`, `article ${article.duplicate_of}`),
        ` (similarity ${article.similarity.toFixed(2)})`)] : null,
      detail.copies.length ? [h('dt', {}, 'Copied by'), h('dd', {}, detail.copies.map((copy, index) => [index ? ', ' : '', link(`/articles/${copy.id}`, copy.outlet || `article ${copy.id}`)]))] : null,
    ),
    h('h2', {}, `Events (${detail.events.length})`),
    detail.events.length
      ? h('ul', { class: 'article-events' }, detail.events.map((event) => h('li', {}, link(`/events/${event.id}`, event.summary))))
      : h('p', { class: 'empty' }, 'No consultation events found in this article.'),
    h('h2', {}, 'Text'),
    h('div', { ...attributes, class: `${attributes.class || ''} article-text`, 'data-view': 'article-text' }, highlighted(detail.text, spans)),
  );
}
