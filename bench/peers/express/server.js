// The seed article's section 4.3, pasted as it is (comments translated); only the port comes from $PORT
// and the listen address is loopback, so bench/run.sh can pick a free port.
const express = require('express');
const app = express();

// connected clients
const clients = new Set();

// SSE endpoint
app.get('/api/events', (req, res) => {
    // SSE headers
    res.setHeader('Content-Type', 'text/event-stream');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');

    // keep-alive for the connection
    res.flushHeaders();

    // register the client
    clients.add(res);
    console.log(`클라이언트 연결: ${clients.size}명`);

    // connection confirmation event
    res.write('event: connect\n');
    res.write('data: 연결 성공\n\n');

    // clean up when the connection ends
    req.on('close', () => {
        clients.delete(res);
        console.log(`클라이언트 종료: ${clients.size}명`);
    });
});

// broadcast to every client
function broadcast(eventName, data) {
    const message = `event: ${eventName}\ndata: ${JSON.stringify(data)}\n\n`;

    clients.forEach(client => {
        client.write(message);
    });
}

// notification API
app.post('/api/notify', express.json(), (req, res) => {
    broadcast('notification', req.body);
    res.json({ success: true, clients: clients.size });
});

app.listen(Number(process.env.PORT || 3000), '127.0.0.1');
