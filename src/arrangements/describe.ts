/**
 * The arrangement's result in words, for report.md and report.html: how χ was obtained and
 * with which tolerances, worded so that "general position" is only ever said of an
 * arrangement that is in general position (the method's name, 'general-position', means
 * the closed form was used, which is also the case factor by factor in a product, and
 * is never printed).
 */
import type { Arrangement } from './arrangement.js';

/** The fields the sentences read (an Arrangement, or the Report's copy of one). */
export type DescribedArrangement = Pick<
  Arrangement,
  | 'error'
  | 'regionsText'
  | 'boundedRegionsText'
  | 'm'
  | 'chiText'
  | 'factors'
  | 'capped'
  | 'method'
  | 'generalPosition'
  | 'exactDecisions'
  | 'checks'
  | 'faces'
  | 'tolerance'
  | 'incidenceTolerance'
>;

/** The counts sentence: regions and bounded regions, or why none are given. */
export function countsSentence(a: DescribedArrangement): string {
  if (a.error !== undefined) return `counts not reported — ${a.error}`;
  return `${a.regionsText} regions, ${a.boundedRegionsText} bounded; χ(t) coefficients (t^${a.m} … 1) ${a.chiText.join(', ')}`;
}

/** How the counts were obtained and checked, one clause per fact. */
export function methodSentence(a: DescribedArrangement): string {
  const many = a.factors.length > 1;
  const how =
    a.capped !== undefined
      ? 'χ is the bound for hyperplanes in general position, an upper bound (the intersection poset was too large)'
      : a.method === 'general-position'
        ? many
          ? 'χ from the closed form of each product factor, each of them in general position'
          : 'χ from the closed form for general position'
        : `χ from the intersection poset${many ? ' of each product factor' : ''}`;
  const position = a.generalPosition ? 'in general position' : 'not in general position';
  const exact = a.exactDecisions > 0 ? `; ${a.exactDecisions} incidences too close to call in floating point were decided in exact arithmetic` : '';
  const checked =
    a.error !== undefined || a.checks.length === 0
      ? ''
      : `; counts checked against Zaslavsky's identities${a.faces !== null ? ` and the Euler characteristic (faces f_0…f_${a.m}: ${a.faces.join(', ')})` : ''}`;
  return `${position}; ${how}; direction tolerance ${a.tolerance.toPrecision(3)}, incidence tolerance ${a.incidenceTolerance.toPrecision(3)}${exact}${checked}`;
}
