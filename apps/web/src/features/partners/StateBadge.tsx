import { Building2, Users } from 'lucide-react';
import { Badge } from '../../components/index.ts';

/** State vs non-state, as text (plus an icon), never colour alone. */
export function StateBadge({ isStateActor, className }: { isStateActor: boolean; className?: string }) {
  return isStateActor ? (
    <Badge tone="indigo" className={className} title="Governments and intergovernmental bodies">
      <Building2 aria-hidden className="size-3" />
      State
    </Badge>
  ) : (
    <Badge tone="teal" className={className} title="Civil society, academia, philanthropy, business, media, individuals">
      <Users aria-hidden className="size-3" />
      Non-state
    </Badge>
  );
}
