/** The CLI's help texts: one per command and one for the top level. docs/cli.md says the same at length. */
import type { CommandName } from './cli-args.js';

const TOP_LEVEL = `Usage: webhook-contracts <command> [options]

Fire Marketo-style webhooks at your staging endpoints and check the responses.

Commands:
  run [files...]       run the contracts (default file: webhook-contracts.yml)
  render [files...]    print the exact requests that would be sent, secrets masked; sends nothing
  merge <reports...>   join shard JSON reports into one table and report

Options:
  -h, --help           show help (also: webhook-contracts <command> --help)
  -V, --version        print the version (also: webhook-contracts version)

Exit codes: 0 every check passed, 1 a check failed, 2 invalid contracts, options or reports,
3 internal error (a bug in webhook-contracts).
`;

const RUN = `Usage: webhook-contracts run [files...] [options]

Fire every webhook in the contract files for each of its samples and check the responses.
Files are paths or globs (quote globs: 'contracts/**/*.yml'); default webhook-contracts.yml.
\${NAME} in a contract reads the environment variable NAME; its value is a secret, masked everywhere.

Options:
  --report-json <file>     write the JSON report (parent directories are created)
  --report-junit <file>    write a JUnit XML report
  --concurrency <n>        calls in flight at once, 1-64 (default 8)
  --timeout <duration>     per-call timeout for every webhook, e.g. 10s or 500ms, at most 30s
                           (default: each contract's own timeout, 30s unless lowered)
  --allowed-hosts <a,b>    only these hosts may receive a request carrying a \${NAME} secret
                           (default: any host; repeatable)
  --public-env <A,B>       these variables are not secrets: their values are shown and do not make
                           a request secret-bearing (repeatable; every other \${NAME} stays a secret)
  --ca-file <pem>          also trust these CA certificates (a staging server with a private CA)
  --shard <i/n>            run only shard i of n (for a CI matrix; join with merge)
  --retries <n>            extra attempts after a network error, timeout, 429 or 503, 0-5
                           (default 0: one attempt, as Marketo makes)
  --campaign-size <n>      leads in the campaign projection under the totals (default 10000)
  --failures-only          list only the failing checks
  --wide                   never cut names or reasons to the terminal's width
  --no-color               plain output (also NO_COLOR=1); --color forces colour
  -q, --quiet              no progress lines on stderr
  -h, --help               show this help

Exit codes: 0 every check passed, 1 a check failed, 2 invalid contracts or options, 3 internal error.
`;

const RENDER = `Usage: webhook-contracts render [files...] [options]

Print the exact request Marketo would send for each webhook and sample: method, URL, headers, body and
render warnings (tokens with no value, unknown prefixes). Every \${NAME} secret is shown as ***.
Nothing is sent.

Options:
  --webhook <name>    only this webhook
  --sample <name>     only this sample
  --public-env <A,B>  these variables are not secrets: shown as they are (repeatable)
  -h, --help          show this help

Exit codes: 0 rendered, 2 invalid contracts or options, 3 internal error.
`;

const MERGE = `Usage: webhook-contracts merge <reports...> [options]

Join the JSON reports of a sharded run (run --shard i/n --report-json ...) into one report and print
the table.

Options:
  --report-json <file>     write the merged JSON report
  --report-junit <file>    write the merged JUnit XML report
  --campaign-size <n>      leads in the campaign projection under the totals (default 10000)
  --failures-only          list only the failing checks
  --wide                   never cut names or reasons to the terminal's width
  --no-color               plain output (also NO_COLOR=1); --color forces colour
  -h, --help               show this help

Exit codes: 0 every check passed, 1 a check failed, 2 invalid or unreadable reports, 3 internal error.
`;

/** The help text for a command, or the top-level usage. */
export function renderUsage(topic?: CommandName): string {
  switch (topic) {
    case 'run':
      return RUN;
    case 'render':
      return RENDER;
    case 'merge':
      return MERGE;
    case undefined:
      return TOP_LEVEL;
  }
}
