/** What other features use of the inbox (the screen itself is routes.tsx's lazy import). */
export { FollowButton } from './FollowButton.tsx';
