export * from './session.ts';
export * from './password.ts';
export { TokenBucketThrottle } from './throttle.ts';
export * from './device.ts';
