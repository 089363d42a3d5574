/** The staging route the log and terminal tests send hostile text through. */
import type { StagingServer } from './staging-server.js';

/**
 * Adds `/hostile?i=N&text=T`: an even N gets a 200 whose `data.score` (quoted in the mapping's failure) is T; an
 * odd N a 500 whose reason phrase is `reasons[N % reasons.length]` and whose body is T.
 */
export function routeHostileEcho(staging: StagingServer, reasons: readonly string[]): void {
  staging.route('/hostile', (request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams;
    const index = Number(query.get('i'));
    const text = query.get('text') ?? '';
    if (index % 2 === 0) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: { score: text } }));
      return;
    }
    response.writeHead(500, reasons[index % reasons.length] ?? 'x', { 'content-type': 'text/plain' });
    response.end(text);
  });
}
