/** The policy dialogue log, for other features (the partner detail). */
export { InteractionLog } from './InteractionLog.tsx';
