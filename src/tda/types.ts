/**
 * Result types of Vietoris–Rips persistence. Plain data, JSON-able except that an
 * essential (never-dying) class has `death = Infinity`: JSON.stringify writes that
 * as `null`, so JSON writers and readers must map Infinity ↔ null explicitly.
 */

/** One bar of a barcode: a class born at filtration value `birth` that dies at `death` (Infinity: never, within the threshold). */
export interface PersistencePair {
  birth: number;
  death: number;
}

/** The persistence diagram (barcode) of one homology dimension. */
export interface PersistenceDiagram {
  /** Homology dimension: 0 components, 1 loops, 2 cavities. */
  dimension: number;
  /** Bars of positive length (birth < death), sorted by birth, then death. */
  pairs: PersistencePair[];
}

/** What {@link ripsPersistence} returns. */
export interface RipsResult {
  /** One diagram per dimension 0..maxDimension, in order. */
  diagrams: PersistenceDiagram[];
  /**
   * The largest filtration value included (simplices of diameter ≤ threshold). By default the
   * enclosing radius, where the complex becomes a cone, so the barcode is complete: only the
   * H0 bar [0, ∞) is infinite. Below it, infinite bars in H1/H2 mean "still alive at threshold".
   */
  threshold: number;
}
