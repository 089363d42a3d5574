/** A webhook's or sample's name as the console shows it: untrusted text made inert, cut to a sane width. */
import { escapeControlCharacters } from '../contracts/escape-control-characters.js';
import { truncateToDisplayWidth } from './measure-display-width.js';

/** Names wider than this are cut, so one long name cannot push every row off the screen. */
const MAX_NAME_WIDTH = 40;

/** `text` with controls and invisible characters shown as escapes; cut to MAX_NAME_WIDTH columns unless `cut` is false. */
export function formatConsoleName(text: string, cut = true): string {
  const safe = escapeControlCharacters(text);
  return cut ? truncateToDisplayWidth(safe, MAX_NAME_WIDTH) : safe;
}
