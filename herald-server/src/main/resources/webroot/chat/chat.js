// The chat page. The conversation lives in sessionStorage, the answer being streamed in the URL (?answer=ID):
// after a reload the page shows what it had and reconnects after the last token it stored (lastEventID), so
// the answer continues with no token lost or repeated.
const STORE = 'herald.chat';
const conversation = document.getElementById('conversation');
const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');
const stopButton = document.getElementById('stop');
const sendButton = document.getElementById('send');
let turns = JSON.parse(sessionStorage.getItem(STORE) || '[]');
let source = null;
let leaving = false;

// Leaving (or reloading) aborts the stream, and Chrome reports that as an error before 'pagehide': it is no
// failure of the answer, which the next page resumes.
for (const type of ['beforeunload', 'pagehide']) {
  window.addEventListener(type, () => { leaving = true; });
}

function save() { sessionStorage.setItem(STORE, JSON.stringify(turns)); }
function current() { return turns[turns.length - 1]; }
function setStatus(text, kind) { statusEl.textContent = text; statusEl.className = 'status ' + (kind || ''); }

function render() {
  conversation.replaceChildren();
  turns.forEach((turn, i) => {
    const q = document.createElement('div');
    q.className = 'bubble user';
    q.textContent = turn.message;
    const a = document.createElement('div');
    a.className = 'bubble assistant' + (turn.done ? '' : ' streaming');
    a.dataset.answer = turn.answer || '';
    const text = document.createElement('span');
    text.className = 'answer-text';
    text.textContent = turn.text;
    a.append(text);
    if (turn.stopped) {
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = 'stopped';
      a.append(note);
    }
    conversation.append(q, a);
  });
  const streaming = turns.length > 0 && !current().done;
  stopButton.disabled = !streaming || !current().answer;
  sendButton.disabled = streaming;
}

function follow(url) {
  if (source) source.close();
  errorEl.textContent = '';
  setStatus('streaming', 'live');
  source = new EventSource(url);
  source.addEventListener('answer', (event) => {
    const turn = current();
    turn.answer = JSON.parse(event.data).id;
    save();
    history.replaceState(null, '', '?answer=' + turn.answer);
    render();
  });
  source.onmessage = (event) => {
    const turn = current();
    if (event.data === '[DONE]') {
      source.close();
      source = null;
      turn.done = true;
      save();
      history.replaceState(null, '', location.pathname);
      setStatus(turn.stopped ? 'stopped' : 'done');
      render();
      return;
    }
    turn.text += event.data;
    turn.lastEventId = event.lastEventId;
    save();
    render();
  };
  source.onerror = () => {
    if (leaving) return;
    if (source && source.readyState === EventSource.CLOSED) {
      setStatus('closed', 'error');
      errorEl.textContent = 'the stream was refused; see the network panel';
      current().done = true;
      save();
      render();
    } else {
      setStatus('reconnecting', 'error');
    }
  };
}

document.getElementById('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('message');
  const message = input.value.trim();
  if (!message || (turns.length && !current().done)) return;
  input.value = '';
  turns.push({ message, answer: null, text: '', lastEventId: null, done: false, stopped: false });
  save();
  render();
  follow('/api/chat?message=' + encodeURIComponent(message));
});

stopButton.addEventListener('click', async () => {
  const turn = current();
  if (!turn || !turn.answer || turn.done) return;
  turn.stopped = true;
  save();
  const response = await fetch('/api/chat/' + turn.answer + '/stop', { method: 'POST' });
  if (!response.ok) errorEl.textContent = 'stop: ' + response.status + ' ' + await response.text();
});

// Resume after a reload: the answer in the URL, from the last token this page stored.
(function resume() {
  const answer = new URLSearchParams(location.search).get('answer');
  const turn = turns.length ? current() : null;
  if (turn && !turn.done && turn.answer && turn.answer === answer) {
    let url = '/api/chat?answer=' + encodeURIComponent(answer);
    if (turn.lastEventId) url += '&lastEventID=' + encodeURIComponent(turn.lastEventId);
    follow(url);
  } else if (turn && !turn.done) {
    turn.done = true; // started elsewhere or never named: nothing to resume
    save();
  }
  render();
})();
