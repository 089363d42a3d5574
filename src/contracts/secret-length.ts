/**
 * The shortest `${NAME}` value accepted as a secret, in characters other than whitespace.
 *
 * Every value read from the environment is removed from all output in every form a server may echo it (case
 * folded, decoded, base64...). A short value cannot be: `eu` or `1` would match ordinary words (`Int***rnal`) and
 * destroy the report, while masking only its exact spelling would let its encoded forms show. So a shorter value
 * is a contract error that says how to fix it. 8 is the length of the shortest credentials in common use (PINs
 * and region codes are not credentials: the workflow declares those public); a random 8-character token of
 * letters and digits already occurs by chance in ordinary text less than once in 10^14 positions.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * How many characters of a `${NAME}` value the redactor can find: its own reading of the value (folded, escapes
 * undone), which MIN_SECRET_LENGTH applies to. The loader is handed the redactor's count
 * (src/reports/redaction/secret-targets.ts) by whoever loads contracts, so that what it refuses is exactly what
 * the redactor could not find safely, without the first stage of the pipeline importing the last.
 */
export type CountSecretCharacters = (value: string) => number;
