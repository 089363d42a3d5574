/**
 * A view of an untrusted text: a transformed copy (decoded, case-folded, ...) that remembers, for each of its UTF-16
 * units, the span of the ORIGINAL text it came from. Redaction searches views and masks original spans, so a secret
 * found in any decoded form is removed where it is written, however it is written.
 */
export interface TextView {
  readonly text: string;
  /** Original offset where unit i of `text` starts; undefined: the view is the original (unit i is at i). */
  readonly starts: readonly number[] | undefined;
  /** Original offset where unit i of `text` ends (exclusive); undefined as for `starts`. */
  readonly ends: readonly number[] | undefined;
  /** False: the spans were not worked out (`starts` and `ends` are empty), only the text. */
  readonly tracked: boolean;
  /** The view's last unit comes from the end of a text that was cut there (it may end with part of a secret). */
  readonly reachesEnd: boolean;
}

/** The original text as a view of itself; views made from an untracked one are untracked too. */
export function createIdentityView(text: string, tracked = true, reachesEnd = false): TextView {
  return { text, starts: undefined, ends: undefined, tracked, reachesEnd };
}

/** Where unit `index` of the view starts in the original text. */
export function startOf(view: TextView, index: number): number {
  return view.starts === undefined ? index : (view.starts[index] ?? 0);
}

/** Where unit `index` of the view ends in the original text (exclusive). */
export function endOf(view: TextView, index: number): number {
  return view.ends === undefined ? index + 1 : (view.ends[index] ?? 0);
}

/**
 * Builds a view unit by unit; each piece pushed is mapped to one span of the original text. An untracked builder
 * keeps only the text: secrets are looked for without spans (most texts hold none), and the spans are worked out
 * only for a text that holds one.
 */
export class ViewBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly codes: number[] = [];

  constructor(readonly tracked: boolean) {}

  /** Appends `chars`, every unit of which comes from original offsets [start, end). */
  push(chars: string, start: number, end: number): void {
    this.flushCodes();
    this.parts.push(chars);
    if (!this.tracked) return;
    for (let unit = 0; unit < chars.length; unit += 1) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Appends one code point from original offsets [start, end). */
  pushCodePoint(codePoint: number, start: number, end: number): void {
    if (this.tracked || codePoint > 0xffff) {
      this.push(String.fromCodePoint(codePoint), start, end);
      return;
    }
    // Decoded runs are long and made of single units: collected as codes, turned into text in chunks.
    this.codes.push(codePoint);
    if (this.codes.length >= 4096) this.flushCodes();
  }

  private flushCodes(): void {
    if (this.codes.length === 0) return;
    this.parts.push(String.fromCharCode(...this.codes));
    this.codes.length = 0;
  }

  /** Appends units [from, to) of `view` as they are. */
  copy(view: TextView, from: number, to: number): void {
    if (to <= from) return;
    this.flushCodes();
    this.parts.push(view.text.slice(from, to));
    if (!this.tracked) return;
    for (let index = from; index < to; index += 1) {
      this.starts.push(startOf(view, index));
      this.ends.push(endOf(view, index));
    }
  }

  /** `reachesEnd`: whether the view's last unit comes from the end of a cut text. */
  build(reachesEnd: boolean): TextView {
    this.flushCodes();
    return {
      text: this.parts.join(''),
      starts: this.starts,
      ends: this.ends,
      tracked: this.tracked,
      reachesEnd,
    };
  }
}
