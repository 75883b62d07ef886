// Herald's SharedWorker, served by the hub at /herald-worker.js and started by /herald.js: every tab of the
// origin connects to this one worker, which holds ONE EventSource per distinct (hub, topics, credentials,
// event types) and fans each event out to the tabs that asked for it.
import {connect} from './herald.js';

/** A tab that answers no ping for this long is gone (closed or crashed without saying so). */
const PORT_TIMEOUT_MS = 20000;
const PING_EVERY_MS = 5000;

/** key -> {stream, members: Map<subscription id, port>} */
const connections = new Map();
/** port -> {ids: Set<subscription id>, seen: time of its last message} */
const ports = new Map();

self.onconnect = e => {
  const port = e.ports[0];
  ports.set(port, {ids: new Set(), seen: Date.now()});
  port.onmessage = m => handle(port, m.data);
  // Chromium tells when the other end's document is gone; the pings below cover browsers that don't.
  port.addEventListener('close', () => drop(port));
  port.start();
};

function handle(port, msg) {
  let info = ports.get(port);
  if (!info) {
    // A tab said bye on pagehide, then came back from the back/forward cache and subscribes again.
    info = {ids: new Set(), seen: 0};
    ports.set(port, info);
  }
  info.seen = Date.now();
  if (msg.op === 'subscribe') {
    join(port, info, msg.id, msg.spec);
  } else if (msg.op === 'unsubscribe') {
    leave(msg.id);
    info.ids.delete(msg.id);
  } else if (msg.op === 'reconnect') {
    connectionOf(msg.id)?.stream.reconnectNow();
  } else if (msg.op === 'bye') {
    drop(port);
  }
}

function join(port, info, id, spec) {
  info.ids.add(id);
  const connection = connections.get(spec.key);
  if (connection) {
    connection.members.set(id, port);
    port.postMessage({op: 'status', id, status: connection.stream.status});
    return;
  }
  // The first member joins before the stream starts, so it hears the first status too.
  const members = new Map([[id, port]]);
  const stream = connect(spec, {
    event: event => members.forEach((p, member) => p.postMessage({op: 'event', id: member, event})),
    status: status => members.forEach((p, member) => p.postMessage({op: 'status', id: member, status})),
  });
  connections.set(spec.key, {members, stream});
}

function connectionOf(id) {
  for (const connection of connections.values()) {
    if (connection.members.has(id)) {
      return connection;
    }
  }
  return undefined;
}

function leave(id) {
  for (const [key, connection] of connections) {
    if (connection.members.delete(id) && connection.members.size === 0) {
      connection.stream.close();
      connections.delete(key);
    }
  }
}

function drop(port) {
  const info = ports.get(port);
  if (info) {
    ports.delete(port);
    info.ids.forEach(leave);
  }
}

setInterval(() => {
  const now = Date.now();
  for (const [port, info] of ports) {
    if (now - info.seen > PORT_TIMEOUT_MS) {
      drop(port);
    } else {
      port.postMessage({op: 'ping'});
    }
  }
}, PING_EVERY_MS);
