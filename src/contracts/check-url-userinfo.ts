/**
 * Credentials in a URL's userinfo (`https://user:pass@host/`) are not sent by the HTTP client: the request would
 * go out without them and fail as a confusing 401. They belong in a header, which is also where the report
 * redacts them.
 */

/**
 * The problem with `url` (`${NAME}` already substituted, `{{tokens}}` not yet rendered), or undefined when it has
 * no userinfo. The message never quotes the URL: the credentials may be a secret.
 */
export function checkUrlUserinfo(url: string): string | undefined {
  let parsed: URL;
  try {
    // Any token stands in for `{{tokens}}`, as the loader's URL check does.
    parsed = new URL(url.replace(/\{\{[^}]*\}\}/g, 'token'));
  } catch {
    // Not a URL at all: the loader reports that on its own.
    return undefined;
  }
  if (parsed.username === '' && parsed.password === '') return undefined;
  return (
    'holds credentials before the host (user:password@), which are not sent: remove them and send an ' +
    '`Authorization` header instead (for example `Authorization: Basic ${CREDENTIALS}` with the base64 of ' +
    'user:password in the workflow env)'
  );
}
