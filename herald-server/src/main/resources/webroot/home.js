// The home page's counters: a stream of `stats` events from GET /api/stats.
document.querySelectorAll('.origin').forEach(el => { el.textContent = location.origin; });

const status = document.getElementById('stats-status');
const stats = new EventSource('/api/stats');
stats.onopen = () => { status.textContent = 'live'; status.className = 'status live'; };
stats.onerror = () => { status.textContent = 'reconnecting'; status.className = 'status error'; };
stats.addEventListener('stats', (event) => {
  const s = JSON.parse(event.data);
  document.getElementById('connections').textContent = s.connections;
  document.getElementById('subscriptions').textContent = s.subscriptions;
  document.getElementById('rate').textContent = s.updatesPerSecond;
  document.getElementById('updates').textContent = s.updates;
});
