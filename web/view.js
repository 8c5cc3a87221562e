// The pmdb viewer page: asks its server (paths relative to the page, which carry the token) for
// what it shows, one part at a time. Text from the dump is only ever set as text, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { page: null, frame: -1, logs: new Map(), plot: null };

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || response.statusText);
  return answer;
}

async function start() {
  const page = (state.page = await api('api/page'));
  document.title = `pmdb: ${page.title}`;
  $('exception').textContent = page.exception;
  $('about').textContent = page.about;
  // The causes under the exception, oldest first, as the traceback below chains them.
  const causes = page.chain.slice(0, -1).map((section) => section.exception.split('\n')[0]);
  if (causes.length) $('causes').textContent = `caused by: ${causes.reverse().join(' ← ')}`;
  for (const section of page.chain) {
    if (section.header) $('chain-sections').append(el('p', { class: 'cause-header' }, section.header));
    $('chain-sections').append(el('pre', {}, section.traceback));
  }
  // The program's own frames first; installed packages' and Node's folded below them.
  const user = page.frames.filter((f) => !f.library);
  const library = page.frames.filter((f) => f.library);
  for (const f of user) $('frames').append(frameButton(f));
  if (library.length) {
    const fold = el('details', { class: 'library' }, el('summary', {}, `${library.length} library frame${library.length === 1 ? '' : 's'}`));
    for (const f of library) fold.append(frameButton(f));
    $('frames').append(fold);
  }
  $('console').addEventListener('submit', (event) => {
    event.preventDefault();
    evaluate($('console-input').value);
  });
  // `view` at a prompt names the prompt's frame (#frame=N); otherwise the innermost of the program's.
  const asked = Number(new URLSearchParams(location.hash.slice(1)).get('frame') ?? NaN);
  const first = page.frames[asked] ?? user[0] ?? page.frames[0];
  if (first) await selectFrame(first.index);
}

function frameButton(f) {
  const short = f.file.split('/').slice(-2).join('/');
  return el('button', { class: 'frame', 'data-frame': String(f.index), onclick: () => selectFrame(f.index) },
    `${f.async ? '[async] ' : ''}${f.name}`, el('span', { class: 'where' }, `${short}:${f.line}`));
}

async function selectFrame(index) {
  state.frame = index;
  const f = state.page.frames[index];
  for (const b of document.querySelectorAll('button.frame')) b.classList.toggle('selected', b.dataset.frame === String(index));
  $('frame-title').textContent = `${f.name}  ${f.file}:${f.line}:${f.column}`;
  showSource(f);
  if (!state.logs.has(index)) state.logs.set(index, el('div', { class: 'log' }));
  $('console-log').replaceChildren(state.logs.get(index));
  $('scopes').replaceChildren('…');
  const { scopes, self } = await api(`api/scopes?frame=${index}`);
  if (state.frame !== index) return;
  const parts = [];
  for (const scope of scopes) parts.push(el('div', { class: 'scope-type' }, scope.type), tree(scope.variables));
  if (self) parts.push(el('div', { class: 'scope-type' }, 'this'), tree([self]));
  if (!parts.length) parts.push(f.async ? 'an awaiting caller: no variables were kept' : 'no variables');
  $('scopes').replaceChildren(...parts);
}

function showSource(f) {
  const pre = $('source');
  pre.replaceChildren();
  if (!f.source) return pre.append(el('span', { class: 'line' }, `source of ${f.file} not kept`));
  f.source.lines.forEach((text, i) => {
    const n = f.source.first + i;
    const current = n === f.line;
    const line = el('span', { class: `line${current ? ' current' : ''}` }, el('span', { class: 'lineno' }, String(n)));
    const failing = current && f.source.failing;
    if (failing) line.append(...marked(text, failing));
    else line.append(text);
    pre.append(line);
    if (failing && failing.carets) pre.append(el('span', { class: 'line carets' }, el('span', { class: 'lineno' }, ''), failing.carets));
  });
}

/** The failing line with its `^` parts and `~` parts marked as the traceback's colors mark them. */
function marked(text, { start, end, primary }) {
  const parts = [text.slice(0, start)];
  let i = start;
  while (i < end) {
    const isPrimary = (at) => primary.some(([s, e]) => at >= s && at < e);
    const kind = isPrimary(i);
    let j = i;
    while (j < end && isPrimary(j) === kind) j++;
    parts.push(el('span', { class: kind ? 'primary' : 'secondary' }, text.slice(i, j)));
    i = j;
  }
  parts.push(text.slice(end));
  return parts;
}

function tree(nodes, more = 0) {
  const list = el('ul', { class: 'tree' });
  for (const node of nodes) list.append(treeItem(node));
  if (more) list.append(el('li', {}, `… ${more} more`));
  return list;
}

function treeItem(node) {
  const toggle = el('span', { class: 'toggle' }, node.handle ? '▸' : '');
  const item = el('li', {}, toggle);
  if (node.name !== '') item.append(el('span', { class: 'name' }, node.name), ': ');
  item.append(el('span', { class: `preview t-${node.type}` }, node.preview));
  if (node.plottable) item.append(el('button', { class: 'plot', onclick: () => plot(node) }, 'plot'));
  if (node.handle) {
    let children = null;
    toggle.addEventListener('click', async () => {
      if (children) {
        children.hidden = !children.hidden;
      } else {
        const { entries, more } = await api(`api/children?handle=${node.handle}`);
        children = tree(entries, more);
        item.append(children);
      }
      toggle.textContent = children.hidden ? '▸' : '▾';
    });
  }
  return item;
}

async function evaluate(expression) {
  if (!expression.trim()) return;
  const log = state.logs.get(state.frame);
  const entry = el('div', { class: 'entry' }, el('div', { class: 'input' }, `> ${expression}`));
  log.append(entry);
  $('console-input').value = '';
  try {
    const answer = await api('api/eval', { frame: state.frame, expression });
    entry.append(answer.error ? el('div', { class: 'error' }, answer.error) : tree([answer.result]));
  } catch (err) {
    entry.append(el('div', { class: 'error' }, String(err.message)));
  }
}

async function plot(node) {
  const box = $('plot');
  const s = await api(`api/series?handle=${node.handle}`);
  if (!s.numeric) return box.replaceChildren(el('p', { class: 'error' }, `${node.name}${s.what}`));
  if (state.plot) state.plot.destroy();
  const count = s.columns.min.length;
  const [x0, x1] = s.xRange ?? [0, 0];
  const xs = s.columns.min.map((_, i) => x0 + ((i + 0.5) * (x1 - x0)) / count);
  const stats = `${node.name}: length ${s.length}, min ${s.min}, max ${s.max}, mean ${s.mean}` +
    (s.nan ? `, NaN ${s.nan}` : '') + (s.posInf + s.negInf ? `, Infinity ${s.posInf + s.negInf}` : '') + (s.notKept ? ` (${s.notKept})` : '');
  const holder = el('div', {});
  box.replaceChildren(el('h3', {}, `Plot of ${node.name}`), el('p', { class: 'stats' }, stats), holder);
  const width = Math.max(300, Math.min(900, box.clientWidth || 800));
  state.plot = new uPlot({
    width, height: 260,
    scales: { x: { time: false } },
    series: [{ label: s.kind === 'points' ? 'x' : 'index' }, { label: 'max', stroke: '#7a1f8f', spanGaps: true }, { label: 'min', stroke: '#c06', spanGaps: true }],
  }, [xs, s.columns.max, s.columns.min], holder);
}

start().catch((err) => {
  $('exception').textContent = `pmdb viewer: ${err.message}`;
});
