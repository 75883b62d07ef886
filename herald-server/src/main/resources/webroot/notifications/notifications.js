// The notifications page: sign in with a name, follow the private stream, keep the badge equal to the unread
// notifications this tab knows of (a read event from any tab of this user clears one), send and mark read.
const unread = new Set();
const badge = document.getElementById('badge');
const inbox = document.getElementById('inbox');
const toasts = document.getElementById('toasts');
const statusText = document.getElementById('status');
let source = null;

async function call(method, path, body) {
  const response = await fetch(path, {
    method, credentials: 'same-origin',
    headers: body ? {'Content-Type': 'application/json'} : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let answer = {};
  try { answer = JSON.parse(text); } catch (e) { answer = {error: text.trim()}; }
  if (!response.ok) {
    throw new Error(answer.error || text.trim() || response.statusText);
  }
  return answer;
}

function updateBadge() {
  badge.textContent = unread.size;
  badge.className = 'badge' + (unread.size > 0 ? ' unread' : '');
  document.body.dataset.unread = unread.size;
}

function showToast(notification) {
  const toast = document.createElement('div');
  toast.className = 'toast';
  const from = document.createElement('strong');
  from.textContent = notification.from;
  toast.append(from, ': ' + notification.message);
  toasts.appendChild(toast);
  setTimeout(() => toast.remove(), 6000);
}

function addToInbox(notification) {
  const item = document.createElement('li');
  item.dataset.id = notification.id;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = `${notification.from}: ${notification.message}`;
  const read = document.createElement('button');
  read.type = 'button';
  read.textContent = 'Mark read';
  read.addEventListener('click', () => call('POST', `/api/notifications/${notification.id}/read`)
      .catch(e => alert(e.message)));
  item.append(text, read);
  inbox.prepend(item);
}

function connect() {
  source = new EventSource('/api/notifications', {withCredentials: true});
  source.onopen = () => {
    statusText.textContent = 'live';
    statusText.className = 'status live';
    document.body.dataset.connected = 'true';
  };
  source.onerror = () => {
    statusText.textContent = 'reconnecting';
    statusText.className = 'status error';
  };
  source.addEventListener('notification', (event) => {
    const notification = JSON.parse(event.data);
    showToast(notification);
    addToInbox(notification);
    unread.add(notification.id);
    updateBadge();
  });
  source.addEventListener('read', (event) => {
    const {notificationId} = JSON.parse(event.data);
    unread.delete(notificationId);
    const item = inbox.querySelector(`li[data-id="${notificationId}"]`);
    if (item) {
      item.classList.add('read');
    }
    updateBadge();
  });
}

function signedIn(name) {
  document.getElementById('me').textContent = name;
  document.getElementById('signin-panel').hidden = true;
  document.getElementById('signed-in').hidden = false;
  document.body.dataset.user = name;
  connect();
}

document.getElementById('signin').addEventListener('submit', (e) => {
  e.preventDefault();
  const error = document.getElementById('signin-error');
  call('POST', '/api/notifications/session', {name: document.getElementById('name').value.trim()})
      .then(answer => { error.textContent = ''; signedIn(answer.name); })
      .catch(e => { error.textContent = e.message; });
});

document.getElementById('send').addEventListener('submit', (e) => {
  e.preventDefault();
  const result = document.getElementById('send-result');
  call('POST', '/api/notifications', {
    to: document.getElementById('to').value.trim(),
    message: document.getElementById('message').value,
  }).then(answer => { result.textContent = `sent to ${answer.to}`; document.getElementById('message').value = ''; })
    .catch(e => { result.textContent = e.message; });
});

document.getElementById('signout').addEventListener('click', () => {
  call('DELETE', '/api/notifications/session').finally(() => location.reload());
});

// The cookie is HttpOnly: ask the server who is signed in, if anyone.
call('GET', '/api/notifications/session')
    .then(answer => signedIn(answer.name))
    .catch(() => { document.getElementById('signin-panel').hidden = false; })
    .finally(() => { document.body.dataset.ready = 'true'; });
