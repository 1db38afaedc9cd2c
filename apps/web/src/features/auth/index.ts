/** What other features use of the auth feature: the frame of the signed-out screens. */
export { AuthLayout } from './AuthLayout.tsx';
