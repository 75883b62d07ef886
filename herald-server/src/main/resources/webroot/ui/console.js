// The console: subscribes with fetch() rather than EventSource, so that it can send a token and a
// Last-Event-ID header and show the raw frames as well as the events parsed from them.
const HUB = '/.well-known/mercure';
const rawEl = document.getElementById('raw');
const eventsBody = document.querySelector('#events tbody');
const subStatus = document.getElementById('sub-status');
let abort = null;
let count = 0;

function lines(id) {
  return document.getElementById(id).value.split('\n').map(s => s.trim()).filter(Boolean);
}

function setStatus(text, kind) { subStatus.textContent = text; subStatus.className = 'status ' + (kind || ''); }

function addEvent(event) {
  const tr = document.createElement('tr');
  for (const [value, cls] of [[new Date().toLocaleTimeString(), ''], [event.id, 'id'], [event.type, 'type'], [event.data, 'data']]) {
    const td = document.createElement('td');
    td.textContent = value;
    if (cls) td.className = cls;
    tr.append(td);
  }
  eventsBody.prepend(tr);
  document.getElementById('event-count').textContent = ++count;
}

/** Parses text/event-stream text as the HTML standard says, one chunk at a time; calls onEvent per dispatched event. */
function sseParser(onEvent) {
  let buffer = '';
  let data = [];
  let type = '';
  let lastId = '';
  return (chunk) => {
    buffer += chunk;
    const parts = buffer.split(/\r\n|\r|\n/);
    buffer = parts.pop();
    for (const line of parts) {
      if (line === '') {
        if (data.length) onEvent({ id: lastId, type: type || 'message', data: data.join('\n') });
        data = [];
        type = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') type = value;
      else if (field === 'id' && !value.includes('\0')) lastId = value;
    }
  };
}

async function subscribe(event) {
  event.preventDefault();
  if (abort) abort.abort();
  const topics = lines('sub-topics');
  if (!topics.length) { setStatus('give at least one topic selector', 'error'); return; }
  const url = HUB + '?' + topics.map(t => 'topic=' + encodeURIComponent(t)).join('&');
  const headers = { Accept: 'text/event-stream' };
  const last = document.getElementById('sub-last').value.trim();
  const token = document.getElementById('sub-token').value.trim();
  if (last) headers['Last-Event-ID'] = last;
  if (token) headers.Authorization = 'Bearer ' + token;
  abort = new AbortController();
  document.getElementById('sub-stop').disabled = false;
  setStatus('connecting');
  try {
    const response = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
    if (!response.ok) {
      setStatus(response.status + ' ' + (await response.text()).trim(), 'error');
      return;
    }
    setStatus('subscribed', 'live');
    rawEl.textContent += '# ' + response.status + ' Last-Event-ID: ' + response.headers.get('Last-Event-ID') + '\n';
    const parse = sseParser(addEvent);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rawEl.textContent += value;
      rawEl.scrollTop = rawEl.scrollHeight;
      parse(value);
    }
    setStatus('stream ended by the hub');
  } catch (e) {
    setStatus(e.name === 'AbortError' ? 'unsubscribed' : 'failed: ' + e.message, e.name === 'AbortError' ? '' : 'error');
  } finally {
    document.getElementById('sub-stop').disabled = true;
  }
}

async function publish(event) {
  event.preventDefault();
  const form = new URLSearchParams();
  lines('pub-topics').forEach(t => form.append('topic', t));
  form.append('data', document.getElementById('pub-data').value);
  for (const field of ['id', 'type']) {
    const value = document.getElementById('pub-' + field).value.trim();
    if (value) form.append(field, value);
  }
  if (document.getElementById('pub-private').checked) form.append('private', 'on');
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const token = document.getElementById('pub-token').value.trim();
  if (token) headers.Authorization = 'Bearer ' + token;
  const result = document.getElementById('pub-result');
  try {
    const response = await fetch(HUB, { method: 'POST', headers, body: form });
    const text = (await response.text()).trim();
    result.textContent = response.ok ? 'published: ' + text : response.status + ' ' + text;
    result.className = 'small mono ' + (response.ok ? 'ok' : 'failed');
  } catch (e) {
    result.textContent = 'failed: ' + e.message;
    result.className = 'small mono failed';
  }
}

document.getElementById('subscribe').addEventListener('submit', subscribe);
document.getElementById('publish').addEventListener('submit', publish);
document.getElementById('sub-stop').addEventListener('click', () => abort && abort.abort());
document.getElementById('sub-clear').addEventListener('click', () => {
  rawEl.textContent = '';
  eventsBody.replaceChildren();
  document.getElementById('event-count').textContent = count = 0;
});
