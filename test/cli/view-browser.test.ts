// The web viewer in a real browser: Debian's chromium, driven through playwright-core, opens a
// dump served by `pmdb view`, switches frames, opens a value, evaluates in the console and plots
// an array. One browser for the whole file (its start is most of the file's time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startViewer, viewCrashDump, type Viewer } from '../helpers/view-server.js';
import { ROOT } from '../helpers/paths.js';
import { seed } from '../helpers/seed-dump.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: BrowserContext;
let page: Page;
const viewers: Viewer[] = [];
/** What the page logged as errors (a script failing, a request the page's policy refused). */
const pageErrors: string[] = [];

beforeAll(async () => {
  const [dump] = await Promise.all([
    viewCrashDump(),
    (async () => {
      browser = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'pmdb-chromium-')), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    })(),
  ]);
  viewers.push(await startViewer(dump));
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
});

afterAll(async () => {
  await browser?.close();
  for (const v of viewers) v.child.kill('SIGKILL');
});

const frameButton = (name: string) => page.locator('button.frame', { hasText: name }).first();
const treeItem = (within: string, name: string) => page.locator(`${within} li`).filter({ has: page.locator(':scope > .name', { hasText: new RegExp(`^${name.replace(/[^\w]/g, '\\$&')}$`) }) }).first();

describe('pmdb view in chromium', () => {
  it('shows the exception chain, the frames (library ones folded) and the failing line marked as the traceback marks it', async () => {
    await page.goto(`${viewers[0]!.url}#frame=3`);
    await expect.poll(() => page.locator('#exception').textContent()).toBe('RangeError: reading 2 too high');
    expect(await page.locator('#causes').textContent()).toBe('caused by: Error: sensor drift');
    expect(await page.locator('#chain .cause-header').allTextContents()).toEqual(['The above exception was the direct cause of the following exception:']);
    expect(await page.locator('#chain pre').nth(0).textContent()).toMatch(/Error: sensor drift\n$/);
    // The program's frames first, innermost first; the package's one folded under them.
    expect(await page.locator('nav > button.frame').evaluateAll((bs) => bs.map((b) => b.firstChild!.textContent))).toEqual(['check', '<anonymous>', 'scan', '<module>']);
    expect(await page.locator('nav details.library summary').textContent()).toBe('1 library frame');
    expect(await page.locator('nav details.library button.frame').evaluateAll((bs) => bs.map((b) => b.firstChild!.textContent))).toEqual(['each']);
    // The frame the address names (as `view` at a prompt names the prompt's); the innermost of the program's by default.
    expect(await page.locator('button.frame.selected').first().textContent()).toMatch(/^scan/);
    await frameButton('<anonymous>').click();
    await expect.poll(() => page.locator('#frame-title').textContent()).toMatch(/^<anonymous> .*view-crash\.js:14:/);
    expect(await page.locator('#source .current').textContent()).toBe('14  each(readings, (r) => check(r));');
    expect(await page.locator('#source .current .secondary').allTextContents()).toEqual(['check']);
    expect(await page.locator('#source .current .primary').allTextContents()).toEqual(['(r)']);
    expect(await page.locator('#source .carets').textContent()).toBe('                        ~~~~~^^^');
  });

  it('switches frames, opens a value level by level, and evaluates in the frame', async () => {
    await frameButton('scan').click();
    await expect.poll(() => page.locator('#scopes .scope-type').allTextContents()).toEqual(['local', 'closure']);
    const readings = treeItem('#scopes', 'readings');
    expect(await readings.locator(':scope > .preview').textContent()).toBe('Array(2)');
    await readings.locator(':scope > .toggle').click();
    const second = readings.locator(':scope > ul > li').nth(1);
    await second.locator(':scope > .toggle').click();
    await expect.poll(() => second.locator(':scope > ul > li').allTextContents()).toEqual(['id: 2', 'value: 42']);
    await page.locator('#console-input').fill('readings.map((r) => r.value * 2)');
    await page.locator('#console-input').press('Enter');
    const answer = page.locator('#console-log .entry').last();
    await expect.poll(() => answer.locator('.preview').first().textContent()).toBe('Array(2)');
    await answer.locator('.toggle').first().click();
    await expect.poll(() => answer.locator('ul ul li').allTextContents()).toEqual(['0: 6', '1: 84']);
    await page.locator('#console-input').fill('seen.nope.deeper');
    await page.locator('#console-input').press('Enter');
    await expect.poll(() => page.locator('#console-log .entry .error').last().textContent()).toBe("TypeError: Cannot read properties of undefined (reading 'deeper')");
    // Each frame keeps its own console.
    await frameButton('check').click();
    await expect.poll(() => page.locator('#console-log .entry').count()).toBe(0);
  });

  it('plots a numeric array with uPlot, served from the package', async () => {
    await frameButton('<module>').click();
    const walk = treeItem('#scopes', 'walk');
    await expect.poll(() => walk.locator(':scope > .preview').textContent()).toBe('Float64Array(300)');
    await page.locator('#console-input').fill('walk.indexOf(Math.max(...walk))');
    await page.locator('#console-input').press('Enter');
    await expect.poll(() => page.locator('#console-log .entry .preview').last().textContent()).toBe('284');
    await walk.locator(':scope > button.plot').click();
    await expect.poll(() => page.locator('#plot canvas').count()).toBe(1);
    expect(await page.locator('#plot .stats').textContent()).toMatch(/^walk: length 300, min -2\d\d\.\d+, max 2\d\d\.\d+, mean /);
    const box = await page.locator('#plot canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    const shot = await page.screenshot({ fullPage: true });
    if (process.env.PMDB_UPDATE_GOLDEN === '1') writeFileSync(path.join(ROOT, 'docs', 'view.png'), shot);
    expect(pageErrors).toEqual([]);
  });

  it('opens a 6 MB dump in under a second: values are fetched as they are opened', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pmdb-view-big-')), 'big.pmdump');
    writeFileSync(file, JSON.stringify(bigDump()));
    viewers.push(await startViewer(file));
    const started = Date.now();
    await page.goto(viewers[1]!.url);
    await treeItem('#scopes', 'readings').waitFor();
    const took = Date.now() - started;
    expect(await treeItem('#scopes', 'readings').locator(':scope > .preview').textContent()).toBe('Array(12000)');
    // What a dump says is shown as text, never run as the page's HTML.
    expect(await page.locator('#exception').textContent()).toBe(HOSTILE_TEXT);
    expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(took).toBeLessThan(1000);
    console.log(`6 MB dump: page with its first frame's variables in ${took} ms`);
    expect(pageErrors).toEqual([]);
  });
});

const HOSTILE_TEXT = 'Error: <img src=x onerror="window.pwned=1">';

/** A dump of 6 MB: 12,000 objects in one array, and 100,000 numbers. */
function bigDump(): typeof seed {
  const objects: typeof seed.objects = { '1': seed.objects['1']! };
  const items = [];
  for (let i = 0; i < 12000; i++) {
    objects[String(10 + i)] = { kind: 'object', className: 'Reading', properties: [['id', { t: 'number', v: i }], ['label', { t: 'string', v: `sensor-${i}-`.padEnd(400, 'x') }]] };
    items.push({ t: 'ref' as const, id: 10 + i });
  }
  objects['2'] = { kind: 'array', className: 'Array', items };
  objects['3'] = { kind: 'typedarray', className: 'Float64Array', numbers: Array.from({ length: 100000 }, (_, i) => Math.sin(i / 1000)).join(',') };
  const frame = { ...seed.frames[0]!, scopes: [{ type: 'local', variables: [['readings', { t: 'ref', id: 2 }], ['wave', { t: 'ref', id: 3 }]] as [string, { t: 'ref'; id: number }][] }] };
  return { ...seed, objects, frames: [frame], exception: { ...seed.exception, text: HOSTILE_TEXT } };
}
