import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/States.tsx';

/** Placeholder: replaced by the real screen (same file, default export). */
export default function MyCoalitionsPage() {
  return (
    <>
      <PageHeader title="My Coalitions" />
      <EmptyState title="Coming soon" description="This screen is being built." />
    </>
  );
}
