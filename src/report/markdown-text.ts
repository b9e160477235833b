/**
 * Text from outside tegum (file paths, run labels) and sentences that quote it, made
 * literal in Markdown: each character CommonMark could read as syntax gets a backslash
 * (CommonMark §2.4: any ASCII punctuation may be escaped so). Without it a run label
 * `a|b` splits a table cell and a note with `<x>` is taken for raw HTML and hidden.
 * Only characters that would change what is shown are escaped, so the raw file stays readable.
 */
export function markdownText(text: string): string {
  // `_` inside a word is never emphasis (paths like n5_m2_p0.1 stay as they are); at a word's edge it may be.
  return text.replace(/[\\`*<|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (c) => `\\${c}`);
}
