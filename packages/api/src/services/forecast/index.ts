export { computeForecast, FORECAST_RUNS, FORECAST_SEED, type PlanForecast } from './compute.ts';
export { ForecastReader, type ForecastData } from './read.ts';
