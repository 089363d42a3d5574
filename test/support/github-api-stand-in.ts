/**
 * A stand-in for the GitHub REST API on 127.0.0.1, strict where it matters: every request is matched to an
 * operation of GitHub's own OpenAPI description (`@octokit/openapi`, `generated/api.github.com.json`) by method
 * and path template, and its path, query and JSON body are validated against that operation with ajv
 * (github-openapi.ts). A request that matches no operation, or breaks its schema, gets the status GitHub would
 * send and is recorded as a violation (tests assert there are none).
 *
 * Issue comments are kept in memory, with `per_page`/`page` pagination and a `Link` header like GitHub's.
 * Faults (403 for a fork's token, 5xx, secondary rate limits) are injected per method.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { MatchedOperation } from './github-openapi.js';
import { loadOpenApiChecker } from './github-openapi.js';

export interface StandInComment {
  readonly id: number;
  body: string;
  readonly user: { readonly login: string; readonly id: number; readonly type: string };
  readonly created_at: string;
  updated_at: string;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The OpenAPI operation it matched, e.g. `issues/create-comment`. */
  readonly operationId: string | undefined;
  readonly authorization: string | undefined;
}

export interface InjectedFault {
  /** Upper-case HTTP method the fault applies to; any method when absent. */
  readonly method?: string;
  readonly status: number;
  /** How many matching requests fail; Infinity for all. */
  times: number;
  readonly message?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GitHubApiStandIn {
  /** `http://127.0.0.1:PORT` (pass as GITHUB_API_URL). */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests that matched no operation or broke its schema. */
  readonly violations: readonly string[];
  /** The comments of one issue or pull request, oldest first (the live array). */
  comments(owner: string, repo: string, issueNumber: number): StandInComment[];
  /** Adds comments with these bodies, as if posted earlier by `login`. */
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    bodies: readonly string[],
    login?: string,
  ): void;
  injectFault(fault: InjectedFault): void;
  /** Forgets requests, violations, faults and comments. */
  reset(): void;
  close(): Promise<void>;
}

export interface GitHubApiStandInOptions {
  /** The token the action must send (`Authorization: token …`); anything else is a 401 and a violation. */
  readonly token: string;
}

const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } as const;

/** Starts the stand-in on 127.0.0.1 with an OS-chosen port. Close it in `afterAll`. */
export async function startGitHubApiStandIn(options: GitHubApiStandInOptions): Promise<GitHubApiStandIn> {
  const openApi = loadOpenApiChecker();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: InjectedFault[] = [];
  const threads = new Map<string, StandInComment[]>();
  const sockets = new Set<Socket>();
  let nextId = 1_000_000;
  let baseUrl = '';

  const thread = (owner: string, repo: string, issueNumber: number): StandInComment[] => {
    const key = `${owner}/${repo}#${issueNumber}`;
    let comments = threads.get(key);
    if (comments === undefined) {
      comments = [];
      threads.set(key, comments);
    }
    return comments;
  };
  const newComment = (body: string, user: StandInComment['user']): StandInComment => {
    const now = new Date().toISOString();
    nextId += 1;
    return { id: nextId, body, user, created_at: now, updated_at: now };
  };
  const findComment = (
    id: number,
  ): { comment: StandInComment; owner: string; repo: string; issue: number } | undefined => {
    for (const [key, comments] of threads) {
      const comment = comments.find((candidate) => candidate.id === id);
      const match = /^([^/]+)\/([^#]+)#(\d+)$/.exec(key);
      if (comment !== undefined && match !== null) {
        return { comment, owner: match[1] ?? '', repo: match[2] ?? '', issue: Number(match[3]) };
      }
    }
    return undefined;
  };
  const serialize = (
    comment: StandInComment,
    owner: string,
    repo: string,
    issue: number,
  ): Record<string, unknown> => ({
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${comment.id}`,
    issue_url: `${baseUrl}/repos/${owner}/${repo}/issues/${issue}`,
    body: comment.body,
    user: comment.user,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE',
  });

  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string): void => {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', baseUrl);
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    const problems: string[] = [];
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        problems.push('sends a body that is not JSON');
      }
    }
    const matched = openApi.match(method, url.pathname);
    requests.push({
      method,
      path: url.pathname,
      query,
      body,
      operationId: matched?.operation.operationId,
      authorization: request.headers.authorization,
    });
    const where = `${method} ${url.pathname}${url.search}`;
    if (matched === undefined) {
      violations.push(`${where}: no such operation in GitHub's OpenAPI description`);
      sendJson(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    if (request.headers.authorization !== `token ${options.token}`) {
      violations.push(
        `${where}: Authorization is ${String(request.headers.authorization)}, not the workflow token`,
      );
      sendJson(response, 401, { message: 'Bad credentials' });
      return;
    }
    problems.push(...openApi.findProblems(matched, query, body));
    if (problems.length > 0) {
      violations.push(
        ...problems.map((problem) => `${where} (${matched.operation.operationId ?? '?'}) ${problem}`),
      );
      sendJson(response, 422, { message: 'Validation Failed', errors: problems });
      return;
    }
    const fault = faults.find((candidate) => candidate.times > 0 && (candidate.method ?? method) === method);
    if (fault !== undefined) {
      fault.times -= 1;
      sendJson(response, fault.status, { message: fault.message ?? 'Injected fault' }, fault.headers);
      return;
    }
    serveComments(matched, query, body, url, response);
  };

  const serveComments = (
    matched: MatchedOperation,
    query: Readonly<Record<string, string>>,
    body: unknown,
    url: URL,
    response: ServerResponse,
  ): void => {
    const { owner = '', repo = '' } = matched.pathParams;
    const text = (body as { body?: string } | undefined)?.body ?? '';
    switch (matched.operation.operationId) {
      case 'issues/list-comments': {
        const issue = Number(matched.pathParams['issue_number']);
        const comments = thread(owner, repo, issue);
        const perPage = Number(query['per_page'] ?? 30);
        const page = Number(query['page'] ?? 1);
        const lastPage = Math.max(1, Math.ceil(comments.length / perPage));
        const slice = comments.slice((page - 1) * perPage, page * perPage);
        const link = (target: number): string => {
          const next = new URL(url);
          next.searchParams.set('per_page', String(perPage));
          next.searchParams.set('page', String(target));
          return `<${next.toString()}>`;
        };
        const links: string[] = [];
        if (page > 1) links.push(`${link(page - 1)}; rel="prev"`);
        if (page < lastPage) links.push(`${link(page + 1)}; rel="next"`, `${link(lastPage)}; rel="last"`);
        if (page > 1) links.push(`${link(1)}; rel="first"`);
        sendJson(
          response,
          200,
          slice.map((comment) => serialize(comment, owner, repo, issue)),
          links.length === 0 ? {} : { link: links.join(', ') },
        );
        return;
      }
      case 'issues/create-comment': {
        const issue = Number(matched.pathParams['issue_number']);
        const comment = newComment(text, BOT);
        thread(owner, repo, issue).push(comment);
        sendJson(response, 201, serialize(comment, owner, repo, issue));
        return;
      }
      case 'issues/update-comment': {
        const found = findComment(Number(matched.pathParams['comment_id']));
        if (found === undefined) {
          sendJson(response, 404, { message: 'Not Found' });
          return;
        }
        found.comment.body = text;
        found.comment.updated_at = new Date().toISOString();
        sendJson(response, 200, serialize(found.comment, found.owner, found.repo, found.issue));
        return;
      }
      default:
        violations.push(
          `${matched.method.toUpperCase()} ${matched.template}: valid, but the stand-in does not serve it`,
        );
        sendJson(response, 501, { message: 'Not served by the stand-in' });
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    violations,
    comments: thread,
    seedComments: (owner, repo, issueNumber, bodies, login = 'octocat') => {
      const comments = thread(owner, repo, issueNumber);
      const user = login === BOT.login ? BOT : { login, id: 583231, type: 'User' };
      for (const body of bodies) comments.push(newComment(body, user));
    },
    injectFault: (fault) => faults.push(fault),
    reset: () => {
      requests.length = 0;
      violations.length = 0;
      faults.length = 0;
      threads.clear();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}
