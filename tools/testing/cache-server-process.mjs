// A minimal Nx self-hosted remote cache (OpenAPI: GET/PUT /v1/cache/{hash}, bearer token), in memory.
// Run as its own process (nx is run synchronously by the tests): prints its URL, serves GET /stats.
import { createServer } from 'node:http';

const token = process.argv[2] ?? 'minicov-test-token';
const entries = new Map();
const stats = { hits: 0, misses: 0, puts: 0 };

const server = createServer((request, response) => {
  if (request.url === '/stats')
    return void response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(stats));
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
      stats.puts += 1;
      response.writeHead(200).end();
    });
    return;
  }
  response.writeHead(405).end();
});

server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
