// A small bar chart of counts by label (events per month).
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';

export function drawBars(container, rows) {
  if (rows.length === 0) return;
  const width = Math.max(480, container.clientWidth || 800);
  const height = 180;
  const margin = { top: 8, right: 8, bottom: 24, left: 36 };
  const x = scaleBand().domain(rows.map((row) => row[0])).range([margin.left, width - margin.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(...rows.map((row) => row[1]))]).nice().range([height - margin.bottom, margin.top]);
  const svg = select(container).append('svg').attr('class', 'bars').attr('viewBox', `0 0 ${width} ${height}`).attr('width', '100%');
  const every = Math.ceil(rows.length / Math.max(1, Math.floor(width / 60)));
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).tickValues(rows.map((row) => row[0]).filter((_, index) => index % every === 0)));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  svg.append('g').selectAll('rect').data(rows).join('rect').attr('class', 'bar')
    .attr('x', (row) => x(row[0])).attr('width', x.bandwidth())
    .attr('y', (row) => y(row[1])).attr('height', (row) => y(0) - y(row[1]))
    .append('title').text((row) => `${row[0]}: ${row[1]}`);
}
