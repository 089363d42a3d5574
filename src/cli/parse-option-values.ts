/** The parsers of the CLI's option values: each names its flag in the InputError it throws. */
import { MARKETO_TIMEOUT_MS } from '../contracts/contract.js';
import { parseDuration } from '../contracts/duration.js';
import { InputError } from '../contracts/errors.js';
import type { Shard } from '../engine/ports.js';
import { parseAllowedHosts } from '../requests/allowed-hosts.js';

/**
 * Parses a whole number within bounds.
 * @throws InputError naming the flag.
 */
export function parseIntegerArg(flag: string, text: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) throw new InputError(`${flag} must be a whole number, got '${text}'`);
  const value = Number(trimmed);
  if (value < min || value > max)
    throw new InputError(`${flag} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Parses `--timeout` (`10s`, `1.5s`, `500ms`, as contracts write durations) into milliseconds, at most 30 s.
 * @throws InputError naming the flag.
 */
export function parseTimeoutArg(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new InputError(`--timeout must be a duration such as 10s or 500ms, got '${text}'`);
  if (ms < 1) throw new InputError(`--timeout must be at least 1ms, got '${text}'`);
  // Marketo gives up after 30 s; a longer budget would pass a webhook that fails in production.
  if (ms > MARKETO_TIMEOUT_MS) throw new InputError(`--timeout cannot exceed Marketo's 30s, got '${text}'`);
  return ms;
}

/**
 * Parses `--shard i/n` (1-based).
 * @throws InputError naming the flag.
 */
export function parseShardArg(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null)
    throw new InputError(`--shard must look like 1/3 (this shard / shard count), got '${text}'`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard ${text}: the shard number must be between 1 and the shard count`);
  }
  return { index, count };
}

/**
 * Parses `--allowed-hosts a,b` (repeatable) with the parser the action uses for its input (same entries, same
 * errors). Unlike the action's input, the flag cannot be empty: leaving it out is how to allow any host.
 * @throws InputError naming the flag.
 */
export function parseAllowedHostsArg(values: readonly string[]): readonly string[] {
  const hosts = parseAllowedHosts(values, '--allowed-hosts');
  if (hosts.length === 0) throw new InputError('--allowed-hosts needs at least one host name');
  return hosts;
}
