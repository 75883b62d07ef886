// Herald's browser helper, served by the hub at /herald.js: subscribe to Mercure topics with status
// callbacks, token-as-cookie handling and resumption, over ONE connection shared by every tab of the origin
// (a SharedWorker, or a leader tab elected with Web Locks that relays over a BroadcastChannel), so ten tabs
// on HTTP/1.1 use one of the browser's six connections per host instead of ten. No dependencies.
//
//   import {subscribe} from '/herald.js';
//   const sub = subscribe({topics: ['/books/{id}'], onMessage: e => console.log(e.data, e.lastEventId),
//                          onStatus: s => console.log(s)});   // connecting, open, reconnecting, closed
//   sub.close();

/** Event types every connection listens to, besides those named in onEvent. */
const BUILT_IN_TYPES = ['message', 'herald-history-gap', 'auth_required'];
/** Reopening after a failure waits 1 s, doubling up to this, with jitter so tabs and clients spread out. */
const MAX_BACKOFF_MS = 30000;
/** Ids remembered per subscription to drop repeats when a new leader tab replays; bounds memory. */
const SEEN_IDS = 1000;

/**
 * One EventSource that reopens itself and resumes after the last event id it saw: the browser retries a
 * dropped stream with Last-Event-ID by itself; after a refusal (the source closed) or auth_required this
 * reopens it with the lastEventID query parameter after a backoff. sink receives {event(e), status(s)}.
 * Exported for herald-worker.js; pages use subscribe().
 */
export function connect(spec, sink) {
  let source = null;
  let timer = null;
  let attempts = 0;
  let closed = false;
  let lastEventId = spec.lastEventId || '';
  let status = null;
  const setStatus = s => {
    if (s !== status && !closed) {
      status = s;
      sink.status(s);
    }
  };
  const open = () => {
    timer = null;
    const url = new URL(spec.hub);
    spec.topics.forEach(t => url.searchParams.append('topic', t));
    if (lastEventId) {
      url.searchParams.set('lastEventID', lastEventId);
    }
    source = new EventSource(url.href, {withCredentials: !!spec.withCredentials});
    source.onopen = () => {
      attempts = 0;
      setStatus('open');
    };
    source.onerror = () => {
      setStatus('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        reopenLater();
      }
    };
    spec.types.forEach(type => source.addEventListener(type, e => {
      if (e.lastEventId) {
        lastEventId = e.lastEventId;
      }
      sink.event({type, data: e.data, lastEventId: e.lastEventId});
      if (type === 'auth_required') {
        // The token expired: the hub ends the stream. Reopen once a page has renewed the cookie.
        setStatus('reconnecting');
        reopenLater();
      }
    }));
  };
  const reopenLater = () => {
    source.close();
    if (!closed && timer === null) {
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts++);
      timer = setTimeout(open, delay / 2 + Math.random() * delay / 2);
    }
  };
  setStatus(spec.resumed ? 'reconnecting' : 'connecting');
  open();
  return {
    get status() { return status; },
    get lastEventId() { return lastEventId; },
    /** Reopens now if waiting to (for example after the cookie was renewed). */
    reconnectNow() {
      if (timer !== null && !closed) {
        clearTimeout(timer);
        open();
      }
    },
    /** Closes the stream for good, without reporting a status: the caller knows. */
    close() {
      closed = true;
      clearTimeout(timer);
      if (source) {
        source.close();
      }
    },
  };
}

/**
 * Subscribes to options.topics (topics or URI-template selectors) on options.hub (default: the hub that
 * served this script). Options: token (a JWT, or a function returning one or a promise of one, stored as
 * the hub's cookie through POST {hub}/auth and renewed on auth_required), withCredentials, lastEventId,
 * onMessage(e), onEvent: {type: fn}, onStatus(s) with s one of connecting, open, reconnecting, closed,
 * onError(err), shared ('auto' default: SharedWorker, else a leader tab; 'worker'; 'broadcast'; 'none': this
 * tab's own connection), worker (URL of herald-worker.js). Events are {type, data, lastEventId}.
 * Returns {close(), status, mode, lastEventId}.
 */
export function subscribe(options) {
  const spec = specOf(options);
  const sub = new Subscription(spec, options);
  const start = () => {
    if (!sub.closed) {
      sub.start(options.shared || 'auto');
    }
  };
  if (options.token) {
    authorize(spec.hub, options.token).then(start, error => sub.fail(error));
  } else {
    start();
  }
  return sub.handle();
}

function specOf(options) {
  if (!options || !Array.isArray(options.topics) || options.topics.length === 0
      || options.topics.some(t => typeof t !== 'string' || t.trim() === '')) {
    throw new TypeError('herald subscribe: topics must list at least one topic or selector, e.g. [\'/books/{id}\']');
  }
  const hub = new URL(options.hub || '/.well-known/mercure', options.hub ? location.href : import.meta.url).href;
  const types = [...new Set([...BUILT_IN_TYPES, ...Object.keys(options.onEvent || {})])].sort();
  const topics = [...options.topics].sort();
  const withCredentials = !!(options.withCredentials || options.token);
  // Tabs share a connection only when it carries exactly what each of them asked for.
  const key = JSON.stringify([hub, topics, withCredentials, types]);
  return {hub, topics, withCredentials, types, key, lastEventId: options.lastEventId || ''};
}

/** Stores the token as the hub's cookie, which EventSource then sends (it cannot send headers). */
async function authorize(hub, token) {
  const jwt = typeof token === 'function' ? await token() : token;
  const url = new URL(hub);
  url.pathname = url.pathname.replace(/\/$/, '') + '/auth';
  url.search = '';
  const response = await fetch(url.href, {method: 'POST', credentials: 'include',
    headers: {Authorization: 'Bearer ' + jwt}});
  if (response.status !== 204) {
    throw new Error('herald: the hub refused the token (' + response.status + ' '
        + (await response.text()).trim() + ')');
  }
}

class Subscription {
  constructor(spec, options) {
    this.spec = spec;
    this.options = options;
    this.status = null;
    this.mode = null;
    this.closed = false;
    this.lastEventId = spec.lastEventId;
    this.seen = new Set();
    this.stop = () => {};
    this.reconnect = () => {};
  }

  handle() {
    const sub = this;
    return {
      close: () => sub.close(),
      get status() { return sub.status; },
      get mode() { return sub.mode; },
      get lastEventId() { return sub.lastEventId; },
    };
  }

  start(shared) {
    if ((shared === 'auto' || shared === 'worker') && startInWorker(this)) {
      return;
    }
    if ((shared === 'auto' || shared === 'broadcast') && startWithLeader(this)) {
      return;
    }
    this.mode = 'own';
    const stream = connect(this.spec, {event: e => this.deliver(e), status: s => this.setStatus(s)});
    this.stop = () => stream.close();
    this.reconnect = () => stream.reconnectNow();
  }

  deliver(event) {
    if (this.closed) {
      return;
    }
    if (event.lastEventId && event.type !== 'auth_required' && event.type !== 'herald-history-gap') {
      if (this.mode === 'leader' || this.mode === 'follower') {
        if (this.seen.has(event.lastEventId)) {
          return;
        }
        this.seen.add(event.lastEventId);
        if (this.seen.size > SEEN_IDS) {
          this.seen.delete(this.seen.values().next().value);
        }
      }
      this.lastEventId = event.lastEventId;
    }
    const handler = event.type === 'message' ? this.options.onMessage : (this.options.onEvent || {})[event.type];
    call(handler, event);
    if (event.type === 'auth_required' && typeof this.options.token === 'function') {
      authorize(this.spec.hub, this.options.token).then(() => this.reconnect(), error => call(this.options.onError, error));
    }
  }

  setStatus(status) {
    if (!this.closed && status !== this.status) {
      this.status = status;
      call(this.options.onStatus, status);
    }
  }

  fail(error) {
    call(this.options.onError, error);
    this.close();
  }

  close() {
    if (!this.closed) {
      this.stop();
      this.setStatus('closed');
      this.closed = true;
    }
  }
}

function call(handler, value) {
  if (typeof handler === 'function') {
    try {
      handler(value);
    } catch (e) {
      // One page handler's bug must not stop the others (nor the leader relaying to other tabs).
      setTimeout(() => { throw e; });
    }
  }
}

// --- SharedWorker: one worker per origin holds the connections; this tab talks to it over a port. -------

let nextId = 0;
const workers = new Map();

function workerPort(url) {
  let entry = workers.get(url);
  if (!entry) {
    const worker = new SharedWorker(url, {type: 'module', name: 'herald'});
    entry = {port: worker.port, subs: new Map()};
    const port = worker.port;
    port.onmessage = m => {
      const msg = m.data;
      if (msg.op === 'ping') {
        port.postMessage({op: 'pong'});
        return;
      }
      const sub = entry.subs.get(msg.id);
      if (sub && msg.op === 'event') {
        sub.deliver(msg.event);
      } else if (sub && msg.op === 'status') {
        sub.setStatus(msg.status);
      }
    };
    worker.onerror = () => {
      // The worker script failed to load or run: carry on with a leader tab instead.
      workers.delete(url);
      entry.subs.forEach(sub => {
        if (!sub.closed) {
          sub.start('broadcast');
        }
      });
      entry.subs.clear();
    };
    port.start();
    addEventListener('pagehide', () => port.postMessage({op: 'bye'}));
    addEventListener('pageshow', e => {
      if (e.persisted) {
        entry.subs.forEach((sub, id) => port.postMessage({op: 'subscribe', id, spec: sub.spec}));
      }
    });
    workers.set(url, entry);
  }
  return entry;
}

function startInWorker(sub) {
  if (typeof SharedWorker === 'undefined') {
    return false;
  }
  let entry;
  try {
    entry = workerPort(new URL(sub.options.worker || 'herald-worker.js', import.meta.url).href);
  } catch (e) {
    return false; // e.g. a worker script of another origin than the page
  }
  const id = 's' + nextId++ + '-' + Math.random().toString(36).slice(2);
  sub.mode = 'worker';
  entry.subs.set(id, sub);
  entry.port.postMessage({op: 'subscribe', id, spec: sub.spec});
  sub.stop = () => {
    entry.subs.delete(id);
    entry.port.postMessage({op: 'unsubscribe', id});
  };
  sub.reconnect = () => entry.port.postMessage({op: 'reconnect', id});
  return true;
}

// --- Fallback: the tab holding a Web Lock per key connects and relays over a BroadcastChannel. ---------

function startWithLeader(sub) {
  if (typeof BroadcastChannel === 'undefined' || !navigator.locks) {
    return false; // Web Locks need a secure context (https, or localhost)
  }
  const channel = new BroadcastChannel('herald:' + sub.spec.key);
  const abort = new AbortController();
  let stream = null;
  let release = () => {};
  sub.mode = 'follower';
  channel.onmessage = m => {
    const msg = m.data;
    if (msg.op === 'event') {
      sub.deliver(msg.event);
    } else if (msg.op === 'status') {
      sub.setStatus(msg.status);
    } else if (msg.op === 'hello' && stream) {
      channel.postMessage({op: 'status', status: stream.status});
    } else if (msg.op === 'reconnect' && stream) {
      stream.reconnectNow();
    }
  };
  navigator.locks.request('herald:' + sub.spec.key, {signal: abort.signal}, () => {
    if (sub.closed) {
      return undefined;
    }
    sub.mode = 'leader';
    // Resume after the last event this tab saw, so nothing is lost between the old leader and this one.
    stream = connect({...sub.spec, lastEventId: sub.lastEventId, resumed: sub.status !== null}, {
      event: e => {
        channel.postMessage({op: 'event', event: e});
        sub.deliver(e);
      },
      status: s => {
        channel.postMessage({op: 'status', status: s});
        sub.setStatus(s);
      },
    });
    return new Promise(resolve => { release = resolve; });
  }).catch(() => {}); // aborted: closed before becoming the leader
  channel.postMessage({op: 'hello'});
  sub.stop = () => {
    abort.abort();
    if (stream) {
      stream.close();
    }
    release();
    channel.close();
  };
  sub.reconnect = () => (stream ? stream.reconnectNow() : channel.postMessage({op: 'reconnect'}));
  return true;
}
