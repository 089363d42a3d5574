/**
 * The runner log's one door: every line the action writes (plain lines, annotations, debug lines, the failure)
 * goes through here, so no untrusted text can become a workflow command.
 *
 * The runner reads each line of stdout and stderr, split at `\n` and `\r`, as a command when it starts with
 * `::name` after any leading white space (`::set-output`, `::add-mask`, `::stop-commands`, which would switch
 * off every later command and mask) or holds the legacy `##[name]` anywhere. @actions/core escapes line breaks
 * in a command's message and properties, but a plain `info` line is written as it is, and an annotation's
 * message is shown again in the log line by line. So each line of text is made inert here: controls and
 * invisible characters shown as escapes (`\n`, `\u202e`), a leading `::` and every `##[` broken by an escape.
 * Text that is several lines on purpose is passed as an array of lines.
 */
import * as core from '@actions/core';
import type { AnnotationProperties } from '@actions/core';

import { escapeControlCharacters } from '../contracts/escape-control-characters.js';

/** One line, or lines that are separate on purpose (each one is escaped on its own). */
export type LogText = string | readonly string[];

/** `::` after leading white space (JavaScript's `\s` covers every Unicode space .NET's TrimStart removes). */
const COMMAND_START = /^(\s*)::/;
const LEGACY_COMMAND = /##\[/g;

/** Makes one line of untrusted text inert in the runner log: it cannot start or hold a workflow command. */
export function escapeLogLine(text: string): string {
  const visible = escapeControlCharacters(text);
  const defused = visible.replace(LEGACY_COMMAND, '##\\u005b');
  return defused.replace(COMMAND_START, '$1\\u003a:');
}

/** Escapes each line and joins them: the only line breaks left are the ones the caller meant. */
export function escapeLogText(text: LogText): string {
  return (typeof text === 'string' ? [text] : text).map(escapeLogLine).join('\n');
}

/** A plain log line. */
export function logInfo(text: LogText): void {
  core.info(escapeLogText(text));
}

/** A debug line (shown when the workflow enables step debug logging). */
export function logDebug(text: LogText): void {
  core.debug(escapeLogText(text));
}

/** A warning annotation. */
export function logWarning(text: LogText, properties: AnnotationProperties = {}): void {
  core.warning(escapeLogText(text), escapeProperties(properties));
}

/** An error annotation. */
export function logError(text: LogText, properties: AnnotationProperties = {}): void {
  core.error(escapeLogText(text), escapeProperties(properties));
}

/** Fails the step (exit code 1) with an error annotation. */
export function logFailure(text: LogText): void {
  core.setFailed(escapeLogText(text));
}

/** Starts a collapsible group of log lines; end it with `endLogGroup`. */
export function startLogGroup(name: string): void {
  core.startGroup(escapeLogLine(name));
}

export function endLogGroup(): void {
  core.endGroup();
}

/** File names and titles come from the pull request as well; @actions/core escapes `:` `,` and line breaks. */
function escapeProperties(properties: AnnotationProperties): AnnotationProperties {
  return {
    ...properties,
    ...(properties.title === undefined ? {} : { title: escapeLogLine(properties.title) }),
    ...(properties.file === undefined ? {} : { file: escapeControlCharacters(properties.file) }),
  };
}
