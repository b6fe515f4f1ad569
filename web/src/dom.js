// A tiny element builder: text always goes in as text, never as HTML, so
// article text and names from the database cannot inject markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

// Appends children, skipping null, undefined and false (the DOM's own
// append() would print them).
export function put(element, ...children) {
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

// Persian and Arabic text gets its direction and language.
export function scriptAttributes(language) {
  if (language === 'fa' || language === 'ar') return { dir: 'rtl', lang: language, class: 'rtl' };
  return { dir: 'auto' };
}

export function link(href, ...children) {
  return h('a', { href }, ...children);
}

export function externalLink(href, ...children) {
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'external' }, ...children);
}

export function formatDate(date) {
  if (!date) return 'date not reported';
  return date.from === date.to ? date.from : `${date.from} – ${date.to}`;
}

export const MODES = ['meet', 'phone', 'contact', 'visit', 'multilateral'];
