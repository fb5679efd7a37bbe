// The file name of a new document, for the CLI's `new` and the editor's New Document commands alike:
// never over an existing file, the next free name instead.

/** How many names are tried before giving up: a folder with 10,000 "Untitled" documents is not a real one. */
const MAX_ATTEMPTS = 10_000;

/** `<slug>.md`, then `<slug>-2.md`, `<slug>-3.md`…: the names a new document may take, in order. */
export function* documentFileNames(slug: string): Generator<string> {
  yield `${slug}.md`;
  for (let n = 2; n <= MAX_ATTEMPTS; n++) yield `${slug}-${n}.md`;
}

/** The first of `documentFileNames(slug)` that `isTaken` says is free, or undefined when none is. */
export async function freeDocumentFileName(slug: string, isTaken: (name: string) => Promise<boolean>): Promise<string | undefined> {
  for (const name of documentFileNames(slug)) if (!(await isTaken(name))) return name;
  return undefined;
}
