// The timeline: one lane per mode, one mark per event at its date (a bar
// when the date is a range), zoomable along time. Drawn with d3 into SVG so
// every mark is an element a test or a screen reader can find.
import { axisBottom } from 'd3-axis';
import { scaleTime } from 'd3-scale';
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import { MODES } from '../dom.js';

const DAY = 86400000;
const LANE = 40;
const MARGIN = { top: 14, right: 70, bottom: 28, left: 96 };

function parseDay(text) {
  return new Date(`${text}T00:00:00Z`);
}

function shortLabel(event) {
  const names = event.participants.map((name) => name.split(' ').slice(-1)[0]);
  const place = event.location?.city ? `, ${event.location.city}` : '';
  return `${names.join('–')}${place}`;
}

// Draws `events` (API event objects with a date) into `container`;
// `onSelect(event)` runs on a click.
export function drawTimeline(container, events, onSelect) {
  const dated = events.filter((event) => event.date);
  const width = Math.max(640, container.clientWidth || 960);
  const height = MARGIN.top + MARGIN.bottom + LANE * MODES.length;
  const svg = select(container)
    .append('svg')
    .attr('class', 'timeline')
    .attr('role', 'img')
    .attr('aria-label', `Timeline of ${dated.length} dated events`)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%');
  if (dated.length === 0) {
    svg.append('text').attr('x', width / 2).attr('y', height / 2).attr('text-anchor', 'middle').text('No dated events.');
    return;
  }
  const starts = dated.map((event) => parseDay(event.date.from).getTime());
  const ends = dated.map((event) => parseDay(event.date.to).getTime() + DAY);
  let low = Math.min(...starts);
  let high = Math.max(...ends);
  const pad = Math.max((high - low) * 0.04, 15 * DAY);
  low -= pad;
  high += pad;
  const x = scaleTime().domain([new Date(low), new Date(high)]).range([MARGIN.left, width - MARGIN.right]);
  const laneY = (mode) => MARGIN.top + LANE * Math.max(0, MODES.indexOf(mode)) + LANE / 2;

  const lanes = svg.append('g').attr('class', 'lanes');
  MODES.forEach((mode, index) => {
    lanes.append('rect').attr('class', `lane lane-${index % 2}`).attr('x', MARGIN.left).attr('width', width - MARGIN.left - MARGIN.right)
      .attr('y', MARGIN.top + LANE * index).attr('height', LANE);
    lanes.append('text').attr('class', 'lane-label').attr('x', MARGIN.left - 8).attr('y', laneY(mode) + 4)
      .attr('text-anchor', 'end').text(mode);
  });
  const axis = svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`);
  svg.append('clipPath').attr('id', 'timeline-clip').append('rect')
    .attr('x', MARGIN.left).attr('y', 0).attr('width', width - MARGIN.left - MARGIN.right).attr('height', height);
  const marks = svg.append('g').attr('clip-path', 'url(#timeline-clip)');
  const showLabels = dated.length <= 40;

  const items = marks.selectAll('g.mark').data(dated).join('g')
    .attr('class', (event) => `mark mode-${event.mode} status-${event.status}`)
    .attr('data-event-id', (event) => event.id)
    .attr('data-date', (event) => event.date.from)
    .attr('tabindex', 0)
    .attr('role', 'link')
    .attr('aria-label', (event) => event.summary)
    .on('click', (_, event) => onSelect(event))
    .on('keydown', (key, event) => { if (key.key === 'Enter') onSelect(event); });
  items.append('title').text((event) => event.summary);
  items.append('rect').attr('class', 'bar').attr('height', 14).attr('rx', 7);
  // Neighbouring labels of a lane alternate above and below their marks.
  if (showLabels) {
    items.append('text').attr('class', 'mark-label').attr('dy', (_, index) => (index % 2 ? 25 : -4)).text(shortLabel);
  }

  // Marks of one lane that fall on one day stack upwards a little.
  const stack = new Map();
  const offsets = dated.map((event) => {
    const key = `${event.mode}|${event.date.from}`;
    const count = stack.get(key) || 0;
    stack.set(key, count + 1);
    return count;
  });

  function place(scale) {
    axis.call(axisBottom(scale).ticks(Math.max(2, Math.floor(width / 110))));
    items.attr('transform', (event, index) =>
      `translate(${scale(parseDay(event.date.from))},${laneY(event.mode) - 7 - (offsets[index] % 3) * 4})`);
    items.select('rect.bar').attr('width', (event) =>
      Math.max(14, scale(parseDay(event.date.to).getTime() + DAY) - scale(parseDay(event.date.from))))
      .attr('x', -7);
  }
  place(x);
  svg.call(zoom().scaleExtent([1, 2000]).translateExtent([[MARGIN.left, 0], [width - MARGIN.right, height]])
    .extent([[MARGIN.left, 0], [width - MARGIN.right, height]])
    .on('zoom', (zoomEvent) => place(zoomEvent.transform.rescaleX(x))));
  svg.call(zoom().transform, zoomIdentity);
}
