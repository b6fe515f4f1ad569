// One event: the English summary line, the facts, and every report of it
// with its evidence highlighted in the article's original (right-to-left)
// text, with links to the sources.
import { api } from '../api.js';
import { externalLink, formatDate, h, link, scriptAttributes, put } from '../dom.js';
import { paragraphAround } from '../highlight.js';

// Reports whose article text is fetched at once; the rest show the evidence sentence.
const REPORTS_WITH_CONTEXT = 12;

export async function showEvent(content, [id]) {
  const detail = await api(`events/${id}`);
  const event = detail.event;
  const place = event.location ? [event.location.city, event.location.country].filter(Boolean).join(', ') : 'not reported';
  put(content, 
    h('p', { class: 'crumbs' }, link('/', '‹ all events')),
    h('h1', { class: 'summary', 'data-summary': '' }, event.summary),
    h('dl', { class: 'facts' },
      fact('Who', event.actors.map((actor, index) => [index ? ', ' : '', link(`/actors/${actor.id}`, actor.name),
        actor.office ? h('span', { class: 'office' }, ` (${actor.office.replaceAll('_', ' ')}${actor.country ? `, ${actor.country}` : ''})`) : ''])),
      fact('What', `${event.mode}${event.organization ? ` at ${event.organization}` : ''}${event.target_country ? ` to ${event.target_country}` : ''}`),
      fact('Where', place),
      fact('When', formatDate(event.date)),
      fact('Status', event.status),
      fact('Reports', `${event.mentions} in ${event.articles} article${event.articles === 1 ? '' : 's'}, ${event.sources} independent source${event.sources === 1 ? '' : 's'}`),
      fact('CAMEO', `${event.cameo || '—'} · confidence ${event.confidence.toFixed(2)}`),
      event.occurred_event_id ? fact('Took place', link(`/events/${event.occurred_event_id}`, `event ${event.occurred_event_id}`)) : null,
      detail.planned_by.length ? fact('Announced by', detail.planned_by.map((plan, index) => [index ? ', ' : '', link(`/events/${plan}`, `event ${plan}`)])) : null,
    ),
    detail.variants.length ? h('section', { class: 'variants' }, h('h2', {}, 'Reports disagree'),
      h('ul', {}, detail.variants.map((variant) => h('li', {}, `${variant.what}: ${variant.value} (${variant.mention_ids.length} report${variant.mention_ids.length === 1 ? '' : 's'})`)))) : null,
    h('h2', {}, 'Sources'),
    h('ul', { class: 'sources' }, detail.sources.map((source) => h('li', {}, h('strong', {}, source.outlet),
      source.independent ? '' : h('span', { class: 'note' }, ' (copies only)'), ': ',
      source.article_ids.map((articleId, index) => [index ? ', ' : '', link(`/articles/${articleId}`, `article ${articleId}`)])))),
    h('h2', {}, 'Reports'),
  );
  const reports = h('div', { class: 'reports' });
  put(content, reports);
  const texts = new Map();
  const withContext = [...new Set(detail.mentions.map((mention) => mention.article_id))].slice(0, REPORTS_WITH_CONTEXT);
  await Promise.all(withContext.map(async (articleId) => {
    try {
      texts.set(articleId, (await api(`articles/${articleId}`)).text);
    } catch {
      // The report still shows its evidence sentence.
    }
  }));
  for (const mention of detail.mentions) reports.append(report(mention, texts.get(mention.article_id)));
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function report(mention, text) {
  const attributes = scriptAttributes(mention.language);
  const spans = mention.evidence_spans;
  const body = text !== undefined && spans.length
    ? spans.map((span) => h('p', { ...attributes, class: `${attributes.class || ''} context` }, paragraphAround(text, span, spans)))
    : [h('p', { ...attributes, class: `${attributes.class || ''} context` }, h('mark', { class: 'evidence' }, mention.evidence))];
  return h('article', { class: 'report', 'data-mention-id': mention.id, 'data-language': mention.language || '' },
    h('header', {},
      h('strong', {}, mention.outlet || 'unknown outlet'), ' · ',
      mention.published || 'undated', ' · ', mention.language || 'und', ' · ',
      link(`/articles/${mention.article_id}`, 'article page'),
      mention.url ? [' · ', externalLink(mention.url, 'original source')] : null,
      mention.original_article_id && mention.original_article_id !== mention.article_id
        ? [' · ', h('span', { class: 'note' }, 'copy of '), link(`/articles/${mention.original_article_id}`, `article ${mention.original_article_id}`)] : null),
    h('p', { class: 'says' }, `This report: ${mention.mode}, ${mention.status}, ${formatDate(mention.date)}${mention.location ? `, ${[mention.location.city, mention.location.country].filter(Boolean).join(', ')}` : ''}`),
    body);
}
