/** What other features use of the comments feature: the discussion thread and a comment body with its mentions. */
export { CommentBody, CommentThread } from './CommentThread.tsx';
