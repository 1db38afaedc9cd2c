/**
 * How the forecast's odds read, everywhere they are shown (the dashboard card, the timeline's
 * titles): one sentence, the domain's percentage (`likelihoodPercent`: never 0 % or 100 %
 * unless certain) and the app's dates.
 */
import { likelihoodPercent } from '@coalition/domain';
import { formatDate } from './dates.ts';

/** 0.62 → "62%" (a share of the simulated runs; 100% and 0% only when every run agrees). */
export function formatLikelihood(probability: number): string {
  return `${likelihoodPercent(probability)}%`;
}

/** "62% likely by 23 Sept 2027": the share of runs in which the plan is ready by `date`. */
export function likelihoodSentence(probability: number, date: string): string {
  return `${formatLikelihood(probability)} likely by ${formatDate(date)}`;
}

/** The tone of a likelihood, for its colour (always beside the words, never alone). */
export function likelihoodTone(probability: number): 'ok' | 'warning' | 'danger' {
  return probability >= 0.8 ? 'ok' : probability >= 0.5 ? 'warning' : 'danger';
}
