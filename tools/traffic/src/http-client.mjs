// POSTs one click per connection. Through a keep-alive pool (fetch's, under load on a busy
// machine) a request can go out on a socket the server is just closing: ECONNRESET, with no way to
// know whether the click got in, and the demo's counts must be exact. A fresh loopback connection
// per request costs little and leaves no such doubt.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: false, maxSockets: 64 });

/** POSTs `body` as JSON; resolves with the status code once the answer is read. */
export function postJson(url, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')));
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
    });
    req.once('error', reject);
    req.end(payload);
  });
}
