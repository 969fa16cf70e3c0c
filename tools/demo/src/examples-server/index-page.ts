/** The server's home page: the list of example pages. Static markup, nothing inline, so the strict policy holds. */

/** One entry of the list. */
export interface IndexEntry {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The page's URL path. */
  readonly path: string;
}

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/** The HTML of the page list. */
export function indexPage(entries: readonly IndexEntry[]): string {
  const items = entries
    .map(
      (entry) =>
        `      <li id="page-${escapeHtml(entry.name)}"><a href="${escapeHtml(entry.path)}">${escapeHtml(entry.title)}</a>` +
        `<p>${escapeHtml(entry.description)}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>connect-chat examples</title>
  </head>
  <body>
    <main>
      <h1>connect-chat examples</h1>
      <p>Every page runs against the local Participant Service emulator, under a strict Content-Security-Policy.</p>
      <ul>
${items}
      </ul>
    </main>
  </body>
</html>
`;
}
