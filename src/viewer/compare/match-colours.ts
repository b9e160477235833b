/**
 * Compare mode's colour rule: a feature keeps one colour in both views, the
 * palette colour of its bundle in run A. Features unrepresented in A get the
 * usual light grey, or a dark neutral grey when run B does represent them (so
 * features B gained stand out without borrowing a bundle's colour).
 */
import type { Report } from '../../report/types.js';
import { bundleColour, UNREPRESENTED_COLOUR } from '../../report/palette.js';

/** Features unrepresented in A but represented in B. */
export const GAINED_IN_B_COLOUR = '#555555';

/** The rule in words, for the legend. */
export const COLOUR_RULE =
  'colour = the feature’s bundle in run A, in both views; dark grey: unrepresented in A but represented in B; light grey: unrepresented in both';

/**
 * @param a Run A's report.
 * @param b Run B's report (same n, features matched by index).
 * @returns One base colour per feature index.
 */
export function matchedColours(a: Report, b: Report): string[] {
  return a.features.map((f, i) => {
    if (f.bundle !== null) return bundleColour(f.bundle);
    return b.features[i].represented ? GAINED_IN_B_COLOUR : UNREPRESENTED_COLOUR;
  });
}
