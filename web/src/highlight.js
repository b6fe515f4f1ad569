// Evidence spans are code-point offsets into the article's original text
// (docs/output.md); JavaScript strings count UTF-16 units, so every slice
// goes through an array of code points.
import { h } from './dom.js';

// `text` with every span of `spans` ({start, end}) wrapped in <mark>.
export function highlighted(text, spans, markAttributes = {}) {
  const points = Array.from(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const span of sorted) {
    const start = Math.max(at, Math.min(span.start, points.length));
    const end = Math.max(start, Math.min(span.end, points.length));
    if (start > at) parts.push(points.slice(at, start).join(''));
    if (end > start) parts.push(h('mark', { class: 'evidence', ...markAttributes }, points.slice(start, end).join('')));
    at = Math.max(at, end);
  }
  if (at < points.length) parts.push(points.slice(at).join(''));
  return parts;
}

// The paragraph (line) around `span`, with the spans inside it highlighted.
export function paragraphAround(text, span, spans) {
  const points = Array.from(text);
  let begin = Math.min(span.start, points.length);
  while (begin > 0 && points[begin - 1] !== '\n') begin--;
  let end = Math.min(span.end, points.length);
  while (end < points.length && points[end] !== '\n') end++;
  const inside = spans
    .filter((s) => s.start >= begin && s.end <= end)
    .map((s) => ({ start: s.start - begin, end: s.end - begin }));
  return highlighted(points.slice(begin, end).join(''), inside);
}
