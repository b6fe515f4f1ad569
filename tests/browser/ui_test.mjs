// Drives the real UI of a running `rayzan serve` in Debian's headless
// Chromium (playwright-core, no downloaded browser) and saves a screenshot of
// every view. Called by tests/browser/run; usage: node ui_test.mjs URL ARTIFACTS_DIR
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// playwright-core is a dev dependency of web/: resolve it from there.
const require = createRequire(join(here, '..', '..', 'web', 'package.json'));
const { chromium } = require('playwright-core');

const [base, artifacts] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'rayzan-chromium-'));

const results = [];
const problems = [];

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error.stack || error}`);
  }
}

// Waits until the view finished rendering (main[data-state=ready]).
async function ready(page) {
  await page.waitForSelector('main#view[data-state="ready"]', { timeout: 15000 });
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function eventIdsForActor(page, spelling) {
  await page.goto(`${base}`, { waitUntil: 'domcontentloaded' });
  await ready(page);
  await page.fill('input[name="actor"]', spelling);
  await Promise.all([page.waitForURL(/actor=/), page.click('button[data-action="apply"]')]);
  await ready(page);
  const ids = await page.$$eval('table.events tr[data-event-id]', (rows) => rows.map((row) => row.dataset.eventId));
  return ids.sort();
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(15000);
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
});
// The UI may talk to its own origin only: anything else is a bug (a CDN, a font service).
page.on('request', (request) => {
  const url = request.url();
  if (!url.startsWith(base) && !url.startsWith('data:')) problems.push(`request off the origin: ${url}`);
});

let stockholmId;

try {
  await step('"لاوروف" and "Lavrov" give the same events', async () => {
    const persian = await eventIdsForActor(page, 'لاوروف');
    const latin = await eventIdsForActor(page, 'Lavrov');
    assert.ok(latin.length > 0, 'no events for Lavrov');
    assert.deepEqual(persian, latin);
    const arabic = await eventIdsForActor(page, 'لافروف');
    assert.deepEqual(arabic, latin);
  });

  await step('the timeline shows the Stockholm 2021-12-02 meeting', async () => {
    await page.goto(`${base}/?actor=Lavrov`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    const mark = page.locator('svg.timeline g.mark[data-date="2021-12-02"]').filter({
      has: page.locator('title', { hasText: 'Stockholm' }),
    });
    await mark.first().waitFor({ state: 'visible' });
    assert.equal(await mark.count(), 1);
    stockholmId = await mark.first().getAttribute('data-event-id');
    const label = await mark.first().getAttribute('aria-label');
    assert.match(label, /Antony Blinken met Sergey Lavrov in Stockholm, Sweden on 2021-12-02/);
    await shot(page, 'timeline');
    await mark.first().locator('rect.bar').click();
    await page.waitForURL(new RegExp(`/events/${stockholmId}$`));
  });

  await step('the event page highlights the evidence in the Arabic text', async () => {
    if (!stockholmId) throw new Error('no Stockholm event to open');
    if (!page.url().endsWith(`/events/${stockholmId}`)) await page.goto(`${base}/events/${stockholmId}`);
    await ready(page);
    const summary = await page.textContent('h1.summary');
    assert.match(summary, /Stockholm, Sweden on 2021-12-02 \(occurred\)/);
    const evidence = page.locator('article.report[data-language="ar"] p.context[dir="rtl"][lang="ar"] mark.evidence');
    await evidence.first().waitFor({ state: 'visible' });
    const text = await evidence.first().textContent();
    assert.ok(text.includes('لافروف'), `evidence without لافروف: ${text}`);
    const style = await evidence.first().evaluate((element) => {
      const computed = getComputedStyle(element.closest('p'));
      return { direction: computed.direction, font: computed.fontFamily, mark: getComputedStyle(element).backgroundColor };
    });
    assert.equal(style.direction, 'rtl');
    assert.match(style.font, /Vazirmatn/);
    assert.notEqual(style.mark, 'rgba(0, 0, 0, 0)', 'the evidence is not highlighted');
    // The shipped font is the one that renders the Arabic text.
    await page.evaluate(() => document.fonts.ready);
    assert.ok(await page.evaluate(() => document.fonts.check('16px Vazirmatn', 'لافروف')), 'Vazirmatn not loaded');
    // Seeds are text files without a URL: their source is the article page.
    assert.ok((await page.locator('ul.sources a[href^="/articles/"]').count()) > 0, 'no link to the sources');
    await shot(page, 'event');
  });

  await step('the article page shows the text with every evidence highlighted', async () => {
    await page.click('article.report[data-language="ar"] a:has-text("article page")');
    await page.waitForURL(/\/articles\/\d+$/);
    await ready(page);
    const marks = page.locator('div.article-text[dir="rtl"] mark.evidence');
    assert.ok((await marks.count()) >= 1);
    assert.ok((await page.locator('ul.article-events li').count()) >= 1);
    await shot(page, 'article');
  });

  await step('the network view links actors and filters on a click', async () => {
    await page.goto(`${base}/network`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    await page.waitForSelector('svg.network g.node');
    assert.ok((await page.locator('svg.network g.node').count()) >= 2);
    assert.ok((await page.locator('svg.network line.edge').count()) >= 1);
    await shot(page, 'network');
    const lavrov = page.locator('svg.network g.node', { has: page.locator('text', { hasText: /^Sergey Lavrov$/ }) });
    await lavrov.first().locator('circle').click();
    await page.waitForURL(/\/\?actor=Sergey\+Lavrov|\/\?actor=Sergey%20Lavrov/);
    await ready(page);
    assert.equal(await page.inputValue('input[name="actor"]'), 'Sergey Lavrov');
    assert.ok((await page.locator('table.events tr[data-event-id]').count()) > 0);
  });

  await step('full-text search finds the Arabic article', async () => {
    await page.goto(`${base}/search?q=${encodeURIComponent('ستوكهولم')}`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    assert.ok((await page.locator('ol.hits li').count()) >= 1);
    assert.ok((await page.locator('ol.hits p.snippet mark').count()) >= 1);
    await shot(page, 'search');
  });

  await step('the stats and actor pages render', async () => {
    await page.goto(`${base}/stats`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    assert.ok((await page.locator('svg.bars rect.bar').count()) >= 1);
    await shot(page, 'stats');
    await page.click('a:has-text("Sergey Lavrov")');
    await page.waitForURL(/\/actors\/\d+$/);
    await ready(page);
    assert.match(await page.textContent('table.roles'), /foreign minister/);
    await shot(page, 'actor');
  });

  await step('exports give the current filter as CSV, JSON Lines and PLOVER', async () => {
    await page.goto(`${base}/?actor=Lavrov`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    const rows = await page.locator('table.events tr[data-event-id]').count();
    for (const format of ['csv', 'jsonl', 'plover']) {
      const href = await page.getAttribute(`a[data-export="${format}"]`, 'href');
      assert.match(href, /actor=Lavrov/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[data-export="${format}"]`)]);
      const body = await (await download.createReadStream()).toArray();
      const lines = Buffer.concat(body).toString('utf8').trim().split(/\r?\n/);
      assert.equal(lines.length, rows + (format === 'csv' ? 1 : 0), `${format}: ${lines.length} lines for ${rows} events`);
    }
  });

  await step('no console errors, no request off the origin', async () => {
    assert.deepEqual(problems, []);
  });
  // Last: the browser logs the 400 it provokes as a console error.
  await step('a bad filter shows the API error', async () => {
    await page.goto(`${base}/?from=2021-13-01`, { waitUntil: 'domcontentloaded' });
    await ready(page);
    assert.match(await page.textContent('main .error'), /parameter 'from' must be a date/);
  });

} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed; screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);
