// The LAN bench's baseline, in a process of its own like the portal it is compared with: a bare
// Express 5 answering, for each path, exactly the bytes the portal answered (status, headers, body).
// Plain JavaScript run by plain node, as the bundled portal is. The first line on stdin is the pages
// as JSON: [{ path, status, headers: [[name, value]], setCookies: [..], body: base64 }]. Prints
// `url <URL>`; the end of stdin stops it.
import { createInterface } from 'node:readline';
import express from 'express';

const lines = createInterface({ input: process.stdin });
const [first] = await lines[Symbol.asyncIterator]().next().then((r) => [r.value]);
const app = express();
for (const page of JSON.parse(first)) {
  const body = Buffer.from(page.body, 'base64');
  app.get(page.path, (_req, res) => {
    for (const [name, value] of page.headers) res.setHeader(name, value);
    if (page.setCookies.length > 0) res.setHeader('set-cookie', page.setCookies);
    res.status(page.status).end(body);
  });
}
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`url http://127.0.0.1:${server.address().port}/\n`));
lines.once('close', () => server.close(() => process.exit(0)));
