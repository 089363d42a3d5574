/**
 * Credentials in a URL's userinfo (`https://user:pass@host/`) are not sent by the HTTP client: the request would
 * go out without them and fail as a confusing 401. They belong in a header, which is also where the report
 * redacts them.
 */

/**
 * `url` (`${NAME}` already substituted, `{{tokens}}` not yet rendered) parsed with any token standing in for each
 * `{{token}}`, as the loader checks URLs; undefined when it is no URL at all. canParse first: a thrown TypeError per
 * bad URL is most of the cost of a file with 50,000 of them.
 */
export function parseUrlCandidate(url: string): URL | undefined {
  const candidate = url.replace(/\{\{[^}]*\}\}/g, 'token');
  return URL.canParse(candidate) ? new URL(candidate) : undefined;
}

/**
 * The problem with `url` (as for {@link parseUrlCandidate}), or undefined when it has no userinfo. The message never
 * quotes the URL: the credentials may be a secret.
 */
export function checkUrlUserinfo(url: string): string | undefined {
  // Not a URL at all: the loader reports that on its own.
  const parsed = parseUrlCandidate(url);
  if (parsed === undefined || (parsed.username === '' && parsed.password === '')) return undefined;
  return (
    'holds credentials before the host (user:password@), which are not sent: remove them and send an ' +
    '`Authorization` header instead (for example `Authorization: Basic ${CREDENTIALS}` with the base64 of ' +
    'user:password in the workflow env)'
  );
}
