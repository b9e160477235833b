import type { Report } from '../report/types.js';

/** What a feature is part of in one run. */
export interface FeatureRole {
  /** The bundle's polytope, or "unrepresented". */
  polytope: string;
  /** The bundle's features (empty when unrepresented). */
  bundle: number[];
}

/** A feature whose role differs between two runs. */
export interface FeatureChange {
  feature: number;
  from: FeatureRole;
  to: FeatureRole;
}

/** How the bundles of one run became those of the next. */
export interface BundleChange {
  /** Features of the bundle in the earlier run ([] for newly represented features). */
  from: number[];
  fromPolytope: string;
  /** Features of the bundle in the later run. */
  to: number[];
  toPolytope: string;
  /** One line, e.g. "features 3, 7: digon → part of the pentagon {1, 3, 5, 7, 9}". */
  text: string;
}

export function roleOf(report: Report, feature: number): FeatureRole {
  const b = report.features[feature].bundle;
  if (b === null) return { polytope: 'unrepresented', bundle: [] };
  const bundle = report.bundles[b];
  return { polytope: bundle.polytope, bundle: bundle.features };
}

/** Features whose bundle (as a set) or label changed between two runs with the same features. */
export function featureChanges(a: Report, b: Report): FeatureChange[] {
  const out: FeatureChange[] = [];
  for (let f = 0; f < a.features.length; f++) {
    const from = roleOf(a, f);
    const to = roleOf(b, f);
    if (from.polytope !== to.polytope || from.bundle.join() !== to.bundle.join()) out.push({ feature: f, from, to });
  }
  return out;
}

/**
 * Group the per-feature changes by the bundle the features end up in, so that
 * two dedicated features becoming a digon read as one line, not two.
 */
export function bundleChanges(a: Report, b: Report): BundleChange[] {
  const groups = new Map<string, { to: FeatureRole; features: number[] }>();
  for (const c of featureChanges(a, b)) {
    const key = c.to.polytope === 'unrepresented' ? `unrepresented|${c.from.bundle.join()}` : `${c.to.bundle.join()}|${c.to.polytope}`;
    const g = groups.get(key) ?? { to: c.to, features: [] };
    g.features.push(c.feature);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ to, features }) => {
    // Where the features came from: each earlier bundle with the features it contributes.
    const sources = new Map<string, { role: FeatureRole; features: number[] }>();
    for (const f of features) {
      const role = roleOf(a, f);
      const key = `${role.bundle.join()}|${role.polytope}|${role.bundle.length === 0 ? f : ''}`;
      const s = sources.get(key) ?? { role, features: [] };
      s.features.push(f);
      sources.set(key, s);
    }
    const fromTexts = [...sources.values()].map((s) => describe(s.role, s.features));
    const from = [...new Set([...sources.values()].flatMap((s) => (s.role.bundle.length ? s.role.bundle : s.features)))].sort((x, y) => x - y);
    return {
      from,
      fromPolytope: [...new Set([...sources.values()].map((s) => s.role.polytope))].join(' + '),
      to: to.bundle,
      toPolytope: to.polytope,
      text: `${features.length === 1 ? 'feature' : 'features'} ${features.join(', ')}: ${countedJoin(fromTexts)} → ${describe(to, features)}`,
    };
  });
}

/** ["dedicated", "dedicated", "digon"] → "2 × dedicated + digon". */
function countedJoin(texts: string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, c]) => (c > 1 ? `${c} × ${t}` : t)).join(' + ');
}

/** "digon", "part of the pentagon {1, 3, 5, 7, 9}", "unrepresented". */
function describe(role: FeatureRole, features: number[]): string {
  if (role.polytope === 'unrepresented') return 'unrepresented';
  if (role.bundle.length === features.length) return role.polytope;
  const noun = role.polytope === 'irregular' ? 'irregular bundle' : role.polytope;
  return `part of the ${noun} {${role.bundle.join(', ')}}`;
}
