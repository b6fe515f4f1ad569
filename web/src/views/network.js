// The actor network of the current filter: actors as nodes (size = events),
// shared events as edges (width = events). Clicking a node or an edge shows
// the events behind it. The layout is computed up front (a fixed number of
// force steps), so the same data always gives the same picture.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import { select } from 'd3-selection';
import { zoom } from 'd3-zoom';
import { api, toQuery } from '../api.js';
import { h, put } from '../dom.js';

const KIND_CLASS = { person: 'person', role: 'role', country: 'country', organization: 'organization' };

export async function showNetwork(content, _, { navigate, filter }) {
  const network = await api('network', { ...filter, limit: 80 });
  put(content, 
    h('h1', {}, `Network of ${network.nodes.length} actors`),
    h('p', { class: 'note' },
      `From ${network.events_considered} of ${network.total} events. Click an actor or a line to see the events behind it.`),
  );
  const box = h('section', { class: 'network-box', 'data-view': 'network' });
  put(content, box);
  if (network.nodes.length === 0) {
    box.append(h('p', { class: 'empty' }, 'No actors match this filter.'));
    return;
  }
  requestAnimationFrame(() => drawNetwork(box, network, navigate, filter));
}

function drawNetwork(box, network, navigate, filter) {
  const width = Math.max(640, box.clientWidth || 960);
  const height = 560;
  const nodes = network.nodes.map((node) => ({ ...node }));
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links = network.edges.map((edge) => ({ ...edge, source: byId.get(edge.source), target: byId.get(edge.target) }));
  const maxEvents = Math.max(...nodes.map((node) => node.events));
  const radius = (node) => 5 + 15 * Math.sqrt(node.events / maxEvents);
  const simulation = forceSimulation(nodes)
    .force('link', forceLink(links).distance(110).strength(0.4))
    .force('charge', forceManyBody().strength(-420))
    .force('center', forceCenter(width / 2, height / 2))
    .force('collide', forceCollide().radius((node) => radius(node) + 10))
    // Unconnected groups would drift apart: a weak pull keeps them together.
    .force('x', forceX(width / 2).strength(0.03))
    .force('y', forceY(height / 2).strength(0.06))
    .stop();
  for (let i = 0; i < 300; ++i) simulation.tick();
  // Fit the view to the layout, with room for the labels on the right.
  const left = Math.min(...nodes.map((node) => node.x)) - 30;
  const top = Math.min(...nodes.map((node) => node.y)) - 30;
  const right = Math.max(...nodes.map((node) => node.x)) + 160;
  const bottom = Math.max(...nodes.map((node) => node.y)) + 30;
  const viewWidth = Math.max(right - left, width);
  const viewHeight = Math.max(bottom - top, height);

  const svg = select(box).append('svg').attr('class', 'network')
    .attr('viewBox', `${left - (viewWidth - (right - left)) / 2} ${top - (viewHeight - (bottom - top)) / 2} ${viewWidth} ${viewHeight}`)
    .attr('width', '100%').attr('role', 'img').attr('aria-label', `Network of ${nodes.length} actors`);
  const layer = svg.append('g');
  svg.call(zoom().scaleExtent([0.3, 6]).on('zoom', (event) => layer.attr('transform', event.transform)));
  const withFilter = (actors) => `/?${toQuery({ ...filter, actor: actors })}`;
  const edge = layer.append('g').attr('class', 'edges').selectAll('line').data(links).join('line')
    .attr('class', 'edge')
    .attr('x1', (d) => d.source.x).attr('y1', (d) => d.source.y)
    .attr('x2', (d) => d.target.x).attr('y2', (d) => d.target.y)
    .attr('stroke-width', (d) => Math.min(12, 1 + Math.log2(d.events) * 2))
    .attr('data-events', (d) => d.events)
    .on('click', (_, d) => navigate(withFilter([d.source.name, d.target.name])));
  edge.append('title').text((d) => `${d.source.name} – ${d.target.name}: ${d.events} event${d.events === 1 ? '' : 's'}`);
  const node = layer.append('g').attr('class', 'nodes').selectAll('g').data(nodes).join('g')
    .attr('class', (d) => `node ${KIND_CLASS[d.kind] || ''}`)
    .attr('data-actor-id', (d) => d.id)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('tabindex', 0).attr('role', 'link')
    .attr('aria-label', (d) => `${d.name}: ${d.events} events`)
    .on('click', (_, d) => navigate(withFilter([d.name])))
    .on('keydown', (key, d) => { if (key.key === 'Enter') navigate(withFilter([d.name])); });
  node.append('circle').attr('r', radius);
  node.append('text').attr('x', (d) => radius(d) + 3).attr('dy', 4).text((d) => d.name);
  node.append('title').text((d) => `${d.name}${d.office ? ` (${d.office}${d.country ? `, ${d.country}` : ''})` : ''}: ${d.events} events`);
}
