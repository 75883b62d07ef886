// The ticker: one row per symbol, flashed green or red as its price moves.
const symbols = new URLSearchParams(location.search).get('symbols') || 'AAPL,GOOGL,MSFT,AMZN,TSLA,NVDA,BTC,ETH';
const body = document.querySelector('#ticker tbody');
const statusEl = document.getElementById('status');
const rows = new Map();
let total = 0;

function row(symbol) {
  if (!rows.has(symbol)) {
    const tr = document.createElement('tr');
    tr.dataset.symbol = symbol;
    tr.innerHTML = '<td><b></b></td><td class="num price"></td><td class="num change"></td>'
        + '<td class="num percent"></td><td class="num count">0</td>';
    tr.querySelector('b').textContent = symbol;
    body.append(tr);
    rows.set(symbol, tr);
  }
  return rows.get(symbol);
}

function format(value, digits) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function show({ symbol, price, change, changePercent }) {
  const tr = row(symbol);
  tr.querySelector('.price').textContent = format(price, 2);
  const changeCell = tr.querySelector('.change');
  changeCell.textContent = (change > 0 ? '+' : '') + format(change, 2);
  changeCell.className = 'num change ' + (change > 0 ? 'up' : change < 0 ? 'down' : '');
  const percentCell = tr.querySelector('.percent');
  percentCell.textContent = (changePercent > 0 ? '+' : '') + format(changePercent, 2) + '%';
  percentCell.className = 'num percent ' + (changePercent > 0 ? 'up' : changePercent < 0 ? 'down' : '');
  const count = tr.querySelector('.count');
  count.textContent = Number(count.textContent) + 1;
  if (change !== 0) {
    tr.classList.remove('flash-up', 'flash-down');
    void tr.offsetWidth; // restart the animation
    tr.classList.add(change > 0 ? 'flash-up' : 'flash-down');
  }
  document.getElementById('total').textContent = ++total;
}

const prices = new EventSource('/api/prices?symbols=' + encodeURIComponent(symbols));
prices.onopen = () => { statusEl.textContent = 'live'; statusEl.className = 'status live'; };
prices.onerror = () => { statusEl.textContent = 'reconnecting'; statusEl.className = 'status error'; };
prices.addEventListener('priceUpdate', (event) => show(JSON.parse(event.data)));
