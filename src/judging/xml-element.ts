/**
 * A parsed XML element, reduced to what Marketo can address: its name, its own text and its child elements.
 * Attributes are dropped because Marketo's response attributes cannot address them (SPEC section 1).
 */
export interface XmlElement {
  /** The tag name as written, namespace prefix included (`soap:Body`). */
  readonly name: string;
  /** The element's own text and CDATA, concatenated and trimmed (child elements' text excluded). */
  readonly text: string;
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
}
