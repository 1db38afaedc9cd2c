import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/States.tsx';

/** Placeholder: replaced by the real screen (same file, default export). */
export default function MilestonesPage() {
  return (
    <>
      <PageHeader title="Milestones" />
      <EmptyState title="Coming soon" description="This screen is being built." />
    </>
  );
}
