// A minimal Nx self-hosted remote cache (OpenAPI: GET/PUT /v1/cache/{hash}, bearer token), in memory.
// Run as its own process (nx is run synchronously by the tests): prints its URL, serves GET /stats (counters and
// the stored hashes in the order they came) and, for tests that make a cache hold only some steps, DELETE of an entry.
import { createServer } from 'node:http';

const token = process.argv[2] ?? 'minicov-test-token';
const entries = new Map();
const stats = { hits: 0, misses: 0, puts: 0 };
/** The hashes stored, oldest first. */
const stored = [];

const server = createServer((request, response) => {
  if (request.url === '/stats')
    return void response
      // The test's own requests close their connection: a kept-alive one may be closed by the server just as the
      // test sends its next request, minutes later.
      .writeHead(200, { 'content-type': 'application/json', connection: 'close' })
      .end(JSON.stringify({ ...stats, stored }));
  if (request.headers.authorization !== `Bearer ${token}`)
    return void response.writeHead(401).end();
  const match = /^\/v1\/cache\/([\w.-]+)$/.exec(request.url ?? '');
  if (!match) return void response.writeHead(404).end();
  const hash = match[1];
  if (request.method === 'GET') {
    const entry = entries.get(hash);
    if (!entry) {
      stats.misses += 1;
      return void response.writeHead(404).end();
    }
    stats.hits += 1;
    return void response
      .writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': entry.length,
      })
      .end(entry);
  }
  if (request.method === 'PUT') {
    if (entries.has(hash)) return void response.writeHead(409).end();
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      entries.set(hash, Buffer.concat(chunks));
      stored.push(hash);
      stats.puts += 1;
      response.writeHead(200).end();
    });
    return;
  }
  if (request.method === 'DELETE') {
    const known = entries.delete(hash);
    if (known) stored.splice(stored.indexOf(hash), 1);
    return void response.writeHead(known ? 204 : 404, { connection: 'close' }).end();
  }
  response.writeHead(405).end();
});

server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
