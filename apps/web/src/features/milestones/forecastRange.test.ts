import { describe, expect, it } from 'vitest';
import { likelihoodSentence } from '../../lib/odds.ts';
import { forecastLabel, withForecastRange, type MilestoneForecast } from './forecastRange.ts';
import { buildTimelineModel, type TimelineData } from './timelineModel.ts';

const data: TimelineData = {
  milestones: [
    { id: 'a', title: 'A', trackId: null, startDate: null, dueDate: '2027-03-10', status: 'planned', progress: 0, ownerPartnerId: null, responsibleUserId: null, completedOn: null, version: 1 },
  ],
  dependencies: [],
};
const f = (p95: string, extra: Partial<MilestoneForecast> = {}): MilestoneForecast => ({ id: 'a', p50: '2027-03-01', p80: '2027-04-01', p95, onTime: 0.5, criticality: 0.4, source: 'estimate', ...extra });
const build = (range?: { start: string; end: string }) => buildTimelineModel(data, [], '2027-01-15', null, range);

describe('the forecast on the timeline', () => {
  it('reaches past the latest P95 as it does past the latest due date (whole months, one spare)', () => {
    const plain = build();
    expect(plain.end).toBe('2027-05-01');
    expect(withForecastRange(plain, new Map([['a', f('2027-03-28')]]), build)).toBe(plain);
    const wide = withForecastRange(plain, new Map([['a', f('2027-08-12')]]), build);
    expect([wide.start, wide.end]).toEqual([plain.start, '2027-10-01']);
    expect(withForecastRange(plain, new Map(), build)).toBe(plain);
  });

  it('says the whisker in the odds’ own sentence', () => {
    expect(likelihoodSentence(0.62, '2027-09-23')).toBe('62% likely by 23 Sept 2027');
    expect(forecastLabel(f('2027-06-01'))).toBe(
      'Forecast: 50% likely by 1 Mar 2027, 80% likely by 1 Apr 2027, 95% likely by 1 Jun 2027; on the late path in 40% of runs',
    );
    expect(forecastLabel(f('2027-06-01', { source: 'pace', criticality: 0 }))).toMatch(/^Forecast \(range from the pace of its acts\): 50% likely/);
  });
});
